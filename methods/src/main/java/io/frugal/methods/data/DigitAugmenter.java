package io.frugal.methods.data;

import io.frugal.core.random.SeededRandom;

/**
 * MNIST and Fashion-MNIST (1×28×28). Training view, in the spirit of the HVC code (small rotation,
 * shift, horizontal squish, a 4×4 erase); the HVC code's exact values are not in our spec, so these
 * are ours:
 * <ul>
 *   <li>rotation by an angle uniform in ±15° about the image centre;</li>
 *   <li>shift uniform in ±2 px, independently in x and y (sub-pixel);</li>
 *   <li>horizontal squish: x scaled by a factor uniform in [0.8, 1.0] about the centre;</li>
 *   <li>the result sampled bilinearly (zero outside the image), then one 4×4 square at a uniform
 *       position set to 0.</li>
 * </ul>
 * Evaluation view: the image unchanged.
 */
final class DigitAugmenter extends FixedShapeAugmenter {
    static final double MAX_ROTATION_DEGREES = 15;
    static final double MAX_SHIFT_PIXELS = 2;
    static final double MIN_SQUISH = 0.8;
    static final int ERASE_SIDE = 4;
    private static final int SIDE = 28;

    DigitAugmenter() {
        super(1, SIDE, SIDE, SIDE, SIDE);
    }

    @Override
    public void train(ImageSet set, int index, SeededRandom rng, float[] out, int offset) {
        requireStored(set);
        double angle = Math.toRadians(rng.uniform(-MAX_ROTATION_DEGREES, MAX_ROTATION_DEGREES));
        double tx = rng.uniform(-MAX_SHIFT_PIXELS, MAX_SHIFT_PIXELS);
        double ty = rng.uniform(-MAX_SHIFT_PIXELS, MAX_SHIFT_PIXELS);
        double squish = rng.uniform(MIN_SQUISH, 1.0);
        int eraseY = rng.nextInt(SIDE - ERASE_SIDE + 1);
        int eraseX = rng.nextInt(SIDE - ERASE_SIDE + 1);

        // Inverse mapping: for each output pixel, undo shift, rotation and squish to find where it samples.
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        double centre = (SIDE - 1) / 2.0;
        int base = index * SIDE * SIDE;
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                double dx = x - centre - tx;
                double dy = y - centre - ty;
                double sx = (cos * dx + sin * dy) / squish + centre;
                double sy = -sin * dx + cos * dy + centre;
                out[offset + y * SIDE + x] = bilinear(set.pixels(), base, sx, sy) / Augmentations.PIXEL_MAX;
            }
        }
        for (int y = eraseY; y < eraseY + ERASE_SIDE; y++) {
            for (int x = eraseX; x < eraseX + ERASE_SIDE; x++) out[offset + y * SIDE + x] = 0f;
        }
    }

    @Override
    public void eval(ImageSet set, int index, float[] out, int offset) {
        requireStored(set);
        Augmentations.copyWindow(set, index, 0, 0, false, SIDE, SIDE, out, offset);
    }

    private static float bilinear(byte[] px, int base, double sx, double sy) {
        int x0 = (int) Math.floor(sx);
        int y0 = (int) Math.floor(sy);
        float fx = (float) (sx - x0);
        float fy = (float) (sy - y0);
        float top = (1 - fx) * at(px, base, x0, y0) + fx * at(px, base, x0 + 1, y0);
        float bottom = (1 - fx) * at(px, base, x0, y0 + 1) + fx * at(px, base, x0 + 1, y0 + 1);
        return (1 - fy) * top + fy * bottom;
    }

    private static int at(byte[] px, int base, int x, int y) {
        return x < 0 || x >= SIDE || y < 0 || y >= SIDE ? 0 : px[base + y * SIDE + x] & 0xFF;
    }
}
