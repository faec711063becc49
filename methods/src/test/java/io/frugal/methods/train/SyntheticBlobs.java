package io.frugal.methods.train;

import io.frugal.methods.data.Augmenter;
import io.frugal.methods.data.Datasets;
import io.frugal.methods.data.ImageSet;
import io.frugal.methods.data.LoadedDataset;
import io.frugal.core.random.SeededRandom;
import java.nio.file.Path;
import java.util.Map;

/**
 * A small learnable stand-in for MNIST: 1x28x28 images of faint noise with one bright 6x6 blob
 * whose position (a 2x5 grid) is the class. Plus an augmenter that only normalises.
 */
final class SyntheticBlobs {
    private SyntheticBlobs() {}

    static LoadedDataset dataset(int trainCount, int testCount) {
        return new LoadedDataset(Datasets.info("mnist"), images(trainCount, 1), images(testCount, 2), Path.of("synthetic"), Map.of());
    }

    static ImageSet images(int count, long seed) {
        SeededRandom rng = SeededRandom.of(seed, "synthetic-blobs");
        byte[] pixels = new byte[count * 28 * 28];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            int label = rng.nextInt(10);
            labels[i] = label;
            int top = 3 + (label / 5) * 12 + rng.nextInt(3);
            int left = 1 + (label % 5) * 5 + rng.nextInt(2);
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    boolean inBlob = y >= top && y < top + 6 && x >= left && x < left + 6;
                    int value = inBlob ? 180 + rng.nextInt(76) : rng.nextInt(60);
                    pixels[i * 784 + y * 28 + x] = (byte) value;
                }
            }
        }
        return new ImageSet(pixels, labels, count, 1, 28, 28);
    }

    /** pixel / 255, the same for training and evaluation. */
    static final class Normalising implements Augmenter {
        private final int channels;
        private final int height;
        private final int width;

        Normalising(int channels, int height, int width) {
            this.channels = channels;
            this.height = height;
            this.width = width;
        }

        Normalising() {
            this(1, 28, 28);
        }

        @Override public int channels() { return channels; }
        @Override public int height() { return height; }
        @Override public int width() { return width; }

        @Override
        public void train(ImageSet set, int index, SeededRandom rng, float[] out, int offset) {
            eval(set, index, out, offset);
        }

        @Override
        public void eval(ImageSet set, int index, float[] out, int offset) {
            int size = set.imageSize();
            for (int i = 0; i < size; i++) out[offset + i] = (set.pixels()[index * size + i] & 0xFF) / 255f;
        }
    }
}
