package io.frugal.analysis.energy;

import io.frugal.analysis.store.RunRecord;
import io.frugal.analysis.store.StoreSnapshot;
import io.frugal.core.store.RunStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The energy records of a store's done runs, by run id, and the files that could not be used
 * (each named with why; never fatal). Read beside the snapshot, from each done run's energy.json:
 * runs trained before frugal recorded energy have none and simply count as unmeasured.
 */
public record StoreEnergy(Map<String, RunEnergy> byRun, List<String> problems) {
    public static final String FILE = "energy.json";

    public StoreEnergy {
        byRun = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byRun));
        problems = List.copyOf(problems);
    }

    public static StoreEnergy of(StoreSnapshot snapshot) {
        RunStore store = new RunStore(snapshot.root());
        Map<String, RunEnergy> byRun = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        List<RunRecord> done = snapshot.runs().stream().filter(RunRecord::isDone).toList();
        // read side by side, taken in plan order: the map's order and the problems' do not depend on which read ended first
        io.frugal.analysis.store.ParallelReads.inOrder(done, r -> {
            Path file = store.run(r.id()).dir().resolve(FILE);
            return new Read(r.id(), Files.isRegularFile(file) ? EnergyReader.read(file) : null);
        }, read -> {
            EnergyReader.Outcome o = read.outcome();
            if (o == null) return;
            if (o.energy() != null) byRun.put(read.runId(), o.energy());
            else problems.add("run " + read.runId() + ": " + FILE + ": " + o.problem() + " (its energy left out)");
        });
        return new StoreEnergy(byRun, problems);
    }

    /** One done run's energy.json as read: null when it has none. */
    private record Read(String runId, EnergyReader.Outcome outcome) {}

    public RunEnergy of(String runId) {
        return byRun.get(runId);
    }

    public boolean isEmpty() {
        return byRun.isEmpty();
    }
}
