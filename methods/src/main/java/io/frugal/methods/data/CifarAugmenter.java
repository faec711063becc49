package io.frugal.methods.data;

import io.frugal.core.random.SeededRandom;

/**
 * CIFAR-10 (3×32×32). Training view (our values; the HVC code's are not in our spec):
 * <ul>
 *   <li>random crop: the image padded by 4 px of zeros on each side, a 32×32 window at a uniform
 *       offset (so shifts of −4..4 px), no resizing;</li>
 *   <li>horizontal flip with probability 1/2;</li>
 *   <li>colour jitter in this fixed order: brightness (values × a factor in [0.8, 1.2]),
 *       contrast (blend with the mean luminance, factor in [0.8, 1.2]), saturation (blend with
 *       each pixel's luminance, factor in [0.8, 1.2]), each clamped to [0, 1].</li>
 * </ul>
 * Evaluation view: the image unchanged.
 */
final class CifarAugmenter extends FixedShapeAugmenter {
    static final int PAD = 4;
    static final double JITTER = 0.2;
    private static final int SIDE = CifarFormat.SIDE;
    private static final int PLANE = SIDE * SIDE;

    CifarAugmenter() {
        super(3, SIDE, SIDE, SIDE, SIDE);
    }

    @Override
    public void train(ImageSet set, int index, SeededRandom rng, float[] out, int offset) {
        requireStored(set);
        int dy = rng.nextInt(2 * PAD + 1) - PAD;
        int dx = rng.nextInt(2 * PAD + 1) - PAD;
        boolean flip = rng.nextBoolean();
        float brightness = (float) rng.uniform(1 - JITTER, 1 + JITTER);
        float contrast = (float) rng.uniform(1 - JITTER, 1 + JITTER);
        float saturation = (float) rng.uniform(1 - JITTER, 1 + JITTER);
        Augmentations.copyWindow(set, index, dy, dx, flip, SIDE, SIDE, out, offset);
        PixelJitter.scale(out, offset, 3 * PLANE, brightness);
        PixelJitter.contrast(out, offset, 3, PLANE, contrast);
        PixelJitter.saturation(out, offset, PLANE, saturation);
    }

    @Override
    public void eval(ImageSet set, int index, float[] out, int offset) {
        requireStored(set);
        Augmentations.copyWindow(set, index, 0, 0, false, SIDE, SIDE, out, offset);
    }
}
