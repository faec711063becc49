package io.frugal.analysis.store;

import io.frugal.core.store.Plan;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything a report is computed from, read once: the plan, every planned run's state, the
 * problems met while reading (never fatal), and the code versions the done runs recorded.
 */
public record StoreSnapshot(Path root, Plan plan, List<RunRecord> runs, List<String> problems,
        List<String> codeVersions) {
    public StoreSnapshot {
        runs = List.copyOf(runs);
        problems = List.copyOf(problems);
        codeVersions = List.copyOf(codeVersions);
    }

    public long count(RunState state) {
        return runs.stream().filter(r -> r.state() == state).count();
    }
}
