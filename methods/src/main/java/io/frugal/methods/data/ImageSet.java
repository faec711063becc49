package io.frugal.methods.data;

/**
 * Decoded images kept in memory as unsigned bytes, channel-major per image (C×H×W), with their
 * labels. Decoding happens once per process; batches are built from here by an {@link Augmenter}.
 * Bytes rather than floats: CIFAR-10's training set is 150 MB this way, 600 MB as floats.
 */
public record ImageSet(byte[] pixels, int[] labels, int count, int channels, int height, int width) {
    public ImageSet {
        if (pixels.length != (long) count * channels * height * width) {
            throw new IllegalArgumentException("pixels: " + pixels.length + " bytes for " + count + " images of "
                    + channels + "x" + height + "x" + width);
        }
        if (labels.length != count) throw new IllegalArgumentException("labels: " + labels.length + " for " + count + " images");
    }

    public int imageSize() {
        return channels * height * width;
    }

    /** Pixel value in [0, 255] of image i, channel c, row y, column x. */
    public int pixel(int i, int c, int y, int x) {
        return pixels[((i * channels + c) * height + y) * width + x] & 0xFF;
    }

    /** The first {@code n} images (a deterministic subset for train_limit / test_limit). */
    public ImageSet head(int n) {
        if (n >= count) return this;
        byte[] p = java.util.Arrays.copyOf(pixels, n * imageSize());
        return new ImageSet(p, java.util.Arrays.copyOf(labels, n), n, channels, height, width);
    }
}
