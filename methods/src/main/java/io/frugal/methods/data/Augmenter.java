package io.frugal.methods.data;

import io.frugal.core.random.SeededRandom;

/**
 * Turns stored images into network input (floats, C×H×W, the network's input size), with random
 * augmentation for training and a fixed transform for evaluation. Randomness comes only from the
 * {@link SeededRandom} the trainer passes in (derived from seed, epoch and batch), so augmentation
 * is reproducible and resumable.
 */
public interface Augmenter {
    int channels();

    int height();

    int width();

    default int inputSize() {
        return channels() * height() * width();
    }

    /** Writes an augmented copy of image {@code index} of {@code set} into {@code out[offset..]}. */
    void train(ImageSet set, int index, SeededRandom rng, float[] out, int offset);

    /** Writes the evaluation view of image {@code index} (no randomness) into {@code out[offset..]}. */
    void eval(ImageSet set, int index, float[] out, int offset);
}
