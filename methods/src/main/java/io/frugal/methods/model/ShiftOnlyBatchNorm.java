package io.frugal.methods.model;

import ai.djl.nn.norm.BatchNorm;

/**
 * Batch normalisation as the HVC network uses it everywhere: a learned shift, no learned scale,
 * over axis 1 (channels, capsule dimensions, or branches).
 *
 * <p>DJL's defaults are kept for the rest: ε = 1e-5 and running statistics updated as
 * {@code running = 0.9·running + 0.1·batch}. A momentum of 0.9 (rather than Keras' 0.99) lets
 * the running statistics catch up within a few dozen batches, which short smoke runs need: they
 * are what inference-mode evaluation normalises with.
 */
final class ShiftOnlyBatchNorm {
    private ShiftOnlyBatchNorm() {}

    static BatchNorm create() {
        return BatchNorm.builder().optAxis(1).optScale(false).optCenter(true).build();
    }
}
