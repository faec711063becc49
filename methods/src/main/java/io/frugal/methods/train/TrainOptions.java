package io.frugal.methods.train;

/**
 * How a run is executed, as opposed to what it computes (that is the {@code RunConfig}): nothing
 * here changes a run's metrics beyond floating-point summation order in evaluation.
 *
 * @param evalBatchSize  images per forward pass when evaluating the test set
 * @param keepCheckpoint keep the last checkpoint after result.json is written (default: delete it,
 *                       ~4 floats per parameter per run)
 */
public record TrainOptions(int evalBatchSize, boolean keepCheckpoint) {
    public TrainOptions {
        if (evalBatchSize < 1) throw new IllegalArgumentException("evalBatchSize must be positive: " + evalBatchSize);
    }

    public static TrainOptions defaults() {
        return new TrainOptions(250, false);
    }
}
