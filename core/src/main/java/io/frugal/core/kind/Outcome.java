package io.frugal.core.kind;

/** How a call to {@link Trainer#train} ended (failures are exceptions). */
public enum Outcome {
    /** All epochs trained and result.json written (CLI exit 0). */
    DONE,
    /** Stopped on request after a checkpoint was written; the run can resume (CLI exit 3). */
    INTERRUPTED
}
