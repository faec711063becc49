package io.frugal.methods.flowimages;

import io.frugal.core.BadInputException;
import io.frugal.core.random.SeededRandom;
import io.frugal.methods.data.ImageSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Images of two classes as the denoiser sees them: one channel, values in [−1, 1] (stored pixel
 * / 127.5 − 1), optionally padded from 28 to 32 pixels a side with background (−1).
 */
record TwoClassImages(float[] pixels, int[] labels, int count, int side) {
    int size() {
        return side * side;
    }

    /**
     * The training set: exactly round(p·n) images of class a and the rest of class b, each drawn
     * without replacement from the dataset's training images of that class in an order derived
     * from the seed.
     */
    static TwoClassImages trainingSet(ImageSet train, FlowImagesConfig c) {
        int na = c.countA();
        int nb = c.trainSize() - na;
        int[] a = draw(train, c.classA(), na, SeededRandom.of(c.seed(), "flow-images-train", c.classA()), "training");
        int[] b = draw(train, c.classB(), nb, SeededRandom.of(c.seed(), "flow-images-train", c.classB()), "training");
        int[] all = new int[na + nb];
        System.arraycopy(a, 0, all, 0, na);
        System.arraycopy(b, 0, all, na, nb);
        return of(train, all, c.imageSize());
    }

    /** {@code count} test images of one class (the U-turn's starts), in an order derived from the seed. */
    static TwoClassImages testImages(ImageSet test, int label, int count, long seed, int side) {
        return of(test, draw(test, label, count, SeededRandom.of(seed, "flow-images-uturn-starts", label), "test"), side);
    }

    private static int[] draw(ImageSet set, int label, int count, SeededRandom rng, String which) {
        List<Integer> of = new ArrayList<>();
        for (int i = 0; i < set.count(); i++) if (set.labels()[i] == label) of.add(i);
        if (of.size() < count) {
            throw new BadInputException("the " + which + " set has " + of.size() + " images of class " + label + ", the run needs " + count
                    + " (lower train_size or change proportions)");
        }
        int[] perm = rng.permutation(of.size());
        int[] out = new int[count];
        for (int i = 0; i < count; i++) out[i] = of.get(perm[i]);
        java.util.Arrays.sort(out);
        return out;
    }

    private static TwoClassImages of(ImageSet set, int[] indices, int side) {
        if (set.channels() != 1 || set.height() != 28 || set.width() != 28) {
            throw new BadInputException("flow-images takes 1x28x28 images, the dataset has " + set.channels() + "x" + set.height() + "x" + set.width());
        }
        int pad = (side - 28) / 2;
        float[] px = new float[indices.length * side * side];
        java.util.Arrays.fill(px, -1f);
        int[] labels = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            labels[k] = set.labels()[indices[k]];
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    px[k * side * side + (y + pad) * side + x + pad] = set.pixel(indices[k], 0, y, x) / 127.5f - 1f;
                }
            }
        }
        return new TwoClassImages(px, labels, indices.length, side);
    }

    /** Denoiser output ([−1, 1], side²) to classifier input (28×28, [0, 1] like stored pixel / 255), clipped. */
    static float[] toClassifierInput(float[] images, int count, int side) {
        int pad = (side - 28) / 2;
        float[] out = new float[count * 784];
        for (int k = 0; k < count; k++) {
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    float v = (images[k * side * side + (y + pad) * side + x + pad] + 1f) / 2f;
                    out[k * 784 + y * 28 + x] = Math.max(0f, Math.min(1f, v));
                }
            }
        }
        return out;
    }
}
