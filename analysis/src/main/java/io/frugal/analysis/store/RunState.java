package io.frugal.analysis.store;

/** Where a planned run stands, as far as its files tell. */
public enum RunState {
    /** result.json is present and readable. */
    DONE("done"),
    /** failure.json is present and there is no result.json. */
    FAILED("failed"),
    /** result.json is present but cannot be used; the report lists why. */
    CORRUPT("corrupt result"),
    /** The run directory has files but no result: running now, or interrupted and resumable. */
    STARTED("running or interrupted"),
    /** Never started and never will be as things stand: a run it needs failed ({@code problem} names it). */
    BLOCKED("blocked"),
    /** Nothing on disk yet. */
    NOT_STARTED("not started");

    private final String label;

    RunState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
