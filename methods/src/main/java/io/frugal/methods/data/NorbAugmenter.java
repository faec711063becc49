package io.frugal.methods.data;

import io.frugal.core.random.SeededRandom;

/**
 * smallNORB (stored 1×48×48, network input 1×32×32), as in the HVC setup: training takes a 32×32
 * crop at a uniform position, then brightness (add a value uniform in ±0.1 of the [0, 1] range) and
 * contrast (blend with the crop's mean, factor uniform in [0.8, 1.2]), clamped to [0, 1]; these
 * magnitudes are ours. Evaluation takes the centre crop.
 */
final class NorbAugmenter extends FixedShapeAugmenter {
    static final int CROP = 32;
    static final double MAX_BRIGHTNESS_DELTA = 0.1;
    static final double CONTRAST_JITTER = 0.2;
    private static final int STORED = NorbFormat.STORED_SIDE;

    NorbAugmenter() {
        super(1, CROP, CROP, STORED, STORED);
    }

    @Override
    public void train(ImageSet set, int index, SeededRandom rng, float[] out, int offset) {
        requireStored(set);
        int y0 = rng.nextInt(STORED - CROP + 1);
        int x0 = rng.nextInt(STORED - CROP + 1);
        float delta = (float) rng.uniform(-MAX_BRIGHTNESS_DELTA, MAX_BRIGHTNESS_DELTA);
        float contrast = (float) rng.uniform(1 - CONTRAST_JITTER, 1 + CONTRAST_JITTER);
        Augmentations.copyWindow(set, index, y0, x0, false, CROP, CROP, out, offset);
        PixelJitter.shift(out, offset, CROP * CROP, delta);
        PixelJitter.contrast(out, offset, 1, CROP * CROP, contrast);
    }

    @Override
    public void eval(ImageSet set, int index, float[] out, int offset) {
        requireStored(set);
        int margin = (STORED - CROP) / 2;
        Augmentations.copyWindow(set, index, margin, margin, false, CROP, CROP, out, offset);
    }
}
