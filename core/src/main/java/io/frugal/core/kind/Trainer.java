package io.frugal.core.kind;

/**
 * Trains one planned run in its run directory: writes metrics.jsonl as it goes, a checkpoint it
 * can resume from, and result.json last (atomically, through {@link io.frugal.core.store.ResultFile}).
 * Called by {@code frugal train}, which holds the run's lock, handles signals and records failures.
 */
public interface Trainer {
    /**
     * Trains or resumes the run. Returns {@link Outcome#INTERRUPTED} after saving a checkpoint
     * when {@code context.stop()} was requested.
     *
     * @throws io.frugal.core.BadInputException for a config, dataset, input run or checkpoint the
     *         user must fix (exit 2)
     */
    Outcome train(TrainContext context);
}
