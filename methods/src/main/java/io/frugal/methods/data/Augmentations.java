package io.frugal.methods.data;

import io.frugal.core.BadInputException;
import io.frugal.core.random.SeededRandom;

/**
 * The augmenter each dataset trains with. Normalisation, the same for all: an output float is the
 * stored pixel value / 255, so inputs lie in [0, 1] (padding and erased areas are 0); no mean or
 * standard-deviation normalisation, the network's batch norms take care of scale.
 *
 * <p>Augmenters keep no per-image state and allocate nothing per image; all randomness comes from
 * the {@link SeededRandom} passed in, so the same stream gives the same output.
 */
public final class Augmentations {
    /** Stored byte value to network input: pixel / PIXEL_MAX. */
    public static final float PIXEL_MAX = 255f;

    private Augmentations() {}

    /**
     * The augmenter for {@code name}; with {@code augment} false, training images get the
     * evaluation view (identity, or smallNORB's centre crop) and no randomness.
     */
    public static Augmenter forDataset(String name, boolean augment) {
        Datasets.info(name);
        Augmenter a = switch (name) {
            case "mnist", "fashion-mnist" -> new DigitAugmenter();
            case "cifar10" -> new CifarAugmenter();
            case "smallnorb" -> new NorbAugmenter();
            default -> throw new BadInputException("no augmentation defined for dataset '" + name + "'");
        };
        return augment ? a : withoutAugmentation(a);
    }

    /** Uses {@code a}'s evaluation view for training too. */
    public static Augmenter withoutAugmentation(Augmenter a) {
        return new Augmenter() {
            @Override
            public int channels() {
                return a.channels();
            }

            @Override
            public int height() {
                return a.height();
            }

            @Override
            public int width() {
                return a.width();
            }

            @Override
            public void train(ImageSet set, int index, SeededRandom rng, float[] out, int offset) {
                a.eval(set, index, out, offset);
            }

            @Override
            public void eval(ImageSet set, int index, float[] out, int offset) {
                a.eval(set, index, out, offset);
            }
        };
    }

    /** Copies a window of image {@code index} (top-left at y0, x0; zero outside), optionally mirrored, as floats. */
    static void copyWindow(ImageSet set, int index, int y0, int x0, boolean mirror, int outH, int outW,
                           float[] out, int offset) {
        byte[] px = set.pixels();
        int h = set.height();
        int w = set.width();
        int o = offset;
        for (int c = 0; c < set.channels(); c++) {
            int plane = (index * set.channels() + c) * h * w;
            for (int y = 0; y < outH; y++) {
                int sy = y0 + y;
                for (int x = 0; x < outW; x++) {
                    int sx = x0 + (mirror ? outW - 1 - x : x);
                    out[o++] = sy < 0 || sy >= h || sx < 0 || sx >= w ? 0f : (px[plane + sy * w + sx] & 0xFF) / PIXEL_MAX;
                }
            }
        }
    }
}
