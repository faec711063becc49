package io.frugal.analysis.store;

import io.frugal.core.store.PlannedRun;
import io.frugal.core.store.RunResult;

/**
 * A planned run and what its directory holds. {@code result} is set exactly when the state is
 * DONE; {@code failure} whenever a failure.json could be read; {@code problem} says what is wrong
 * with a CORRUPT result; {@code accounting} only for a done run that SLURM executed and whose
 * slurm.json could be read (null for local runs).
 */
public record RunRecord(PlannedRun planned, RunState state, RunResult result, RunFailure failure, String problem,
        ClusterAccounting accounting) {
    public RunRecord(PlannedRun planned, RunState state, RunResult result, RunFailure failure, String problem) {
        this(planned, state, result, failure, problem, null);
    }

    public RunRecord withAccounting(ClusterAccounting accounting) {
        return new RunRecord(planned, state, result, failure, problem, accounting);
    }

    public String id() {
        return planned.id();
    }

    public boolean isDone() {
        return state == RunState.DONE;
    }
}
