package io.frugal.methods.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.frugal.methods.data.Augmenter;
import io.frugal.methods.data.ImageSet;
import io.frugal.methods.model.HvcNetwork;

/** Top-1 accuracy of a network on an image set, batch norm in inference mode, no gradients. */
final class Evaluator {
    private final HvcNetwork network;
    private final Augmenter augmenter;
    private final int batchSize;
    private final float[] buffer;
    private final StagingBuffer staging = new StagingBuffer();

    Evaluator(HvcNetwork network, Augmenter augmenter, int batchSize) {
        this.network = network;
        this.augmenter = augmenter;
        this.batchSize = batchSize;
        this.buffer = new float[batchSize * augmenter.inputSize()];
    }

    /** Fraction in [0, 1] of {@code set}'s images whose largest logit is their label. */
    double top1(ImageSet set, ParameterStore store, NDManager parent) {
        int size = augmenter.inputSize();
        long correct = 0;
        for (int start = 0; start < set.count(); start += batchSize) {
            int n = Math.min(batchSize, set.count() - start);
            for (int i = 0; i < n; i++) augmenter.eval(set, start + i, buffer, i * size);
            try (NDManager batch = parent.newSubManager()) {
                NDArray x = staging.floats(batch, buffer, n * size, network.inputShape(n));
                NDArray logits = network.forward(store, new NDList(x), false).singletonOrThrow();
                long[] predicted = logits.argMax(1).toLongArray();
                for (int i = 0; i < n; i++) {
                    if (predicted[i] == set.labels()[start + i]) correct++;
                }
            }
        }
        return (double) correct / set.count();
    }
}
