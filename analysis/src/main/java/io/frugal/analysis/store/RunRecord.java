package io.frugal.analysis.store;

/**
 * A planned run and what its directory holds. {@code result} is set exactly when the state is
 * DONE; {@code failure} whenever a failure.json could be read; {@code problem} says what is wrong
 * with a CORRUPT result.
 */
public record RunRecord(PlannedRun planned, RunState state, RunResult result, RunFailure failure, String problem) {
    public String id() {
        return planned.id();
    }

    public boolean isDone() {
        return state == RunState.DONE;
    }
}
