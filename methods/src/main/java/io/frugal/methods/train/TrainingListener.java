package io.frugal.methods.train;

/**
 * Progress callbacks for output (progress bars, logs); called on the training thread, so they must
 * be quick. Epochs are 0-based here; {@link EpochMetrics#epoch()} is 1-based like metrics.jsonl.
 */
public interface TrainingListener {
    TrainingListener NONE = new TrainingListener() {};

    /** Once per call to train: {@code fromEpoch > 0 || fromBatch > 0} means resumed from a checkpoint. */
    default void started(int epochs, long plannedEvaluations, int fromEpoch, int fromBatch) {}

    default void epochStarted(int epoch, int epochs, int images, int batches) {}

    default void batchFinished(int epoch, int batch, int batches, int images, double loss) {}

    default void epochFinished(EpochMetrics metrics) {}
}
