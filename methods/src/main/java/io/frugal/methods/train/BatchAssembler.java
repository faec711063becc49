package io.frugal.methods.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.frugal.methods.data.Augmenter;
import io.frugal.methods.data.ImageSet;
import io.frugal.core.random.SeededRandom;

/**
 * The training data path: turns a slice of an epoch's image order into a batch of input and label
 * arrays, augmenting each image with randomness derived from (seed, epoch, batch) only, so that a
 * resumed run sees the same batches. The same buffers, Java and native, are reused for every batch:
 * a batch's arrays must be closed before the next batch is assembled.
 */
public final class BatchAssembler {
    private final ImageSet images;
    private final Augmenter augmenter;
    private final boolean augment;
    private final long seed;
    private final float[] pixels;
    private final int[] labels;
    private final StagingBuffer pixelStaging = new StagingBuffer();
    private final StagingBuffer labelStaging = new StagingBuffer();

    /** For batches of up to {@code maxBatch} images. */
    public BatchAssembler(ImageSet images, Augmenter augmenter, boolean augment, long seed, int maxBatch) {
        this.images = images;
        this.augmenter = augmenter;
        this.augment = augment;
        this.seed = seed;
        this.pixels = new float[maxBatch * augmenter.inputSize()];
        this.labels = new int[maxBatch];
    }

    /**
     * Images {@code order[from .. from+count)} as [input [count, C, H, W], labels [count]], created in
     * {@code manager}; {@code epoch} and {@code batch} pick the augmentation randomness.
     */
    public NDList assemble(int[] order, int from, int count, int epoch, int batch, NDManager manager) {
        int size = augmenter.inputSize();
        SeededRandom rng = SeededRandom.of(seed, "augment", epoch, batch);
        for (int i = 0; i < count; i++) {
            int index = order[from + i];
            if (augment) {
                augmenter.train(images, index, rng, pixels, i * size);
            } else {
                augmenter.eval(images, index, pixels, i * size);
            }
            labels[i] = images.labels()[index];
        }
        NDArray x = pixelStaging.floats(manager, pixels, count * size,
                new Shape(count, augmenter.channels(), augmenter.height(), augmenter.width()));
        NDArray y = labelStaging.ints(manager, labels, count);
        return new NDList(x, y);
    }
}
