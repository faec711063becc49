package io.frugal.methods.rela;

/**
 * One view's augmentation recipe (torchvision's parameter conventions, on images in [0, 1]).
 *
 * @param cropScaleMin smallest crop area as a fraction of the image (random resized crop)
 * @param cropScaleMax largest crop area fraction
 * @param ratioMin smallest crop aspect ratio width/height
 * @param ratioMax largest crop aspect ratio
 * @param flipP probability of a horizontal flip
 * @param jitterP probability of applying colour jitter (all four parts, in a random order)
 * @param brightness brightness factor drawn from [max(0, 1 − b), 1 + b]
 * @param contrast contrast factor from [max(0, 1 − c), 1 + c]
 * @param saturation saturation factor from [max(0, 1 − s), 1 + s]; ignored for 1-channel images
 * @param hue hue shift from [−h, h] turns (h ≤ 0.5); ignored for 1-channel images
 * @param grayP probability of converting to grayscale (no-op for 1-channel images)
 * @param blurP probability of a Gaussian blur, σ uniform in [0.1, 2.0] pixels
 * @param solarizeP probability of solarising (values ≥ 0.5 become 1 − value)
 */
public record ViewParams(double cropScaleMin, double cropScaleMax, double ratioMin, double ratioMax, double flipP,
                         double jitterP, double brightness, double contrast, double saturation, double hue,
                         double grayP, double blurP, double solarizeP) {
    /** Images no larger than this get neither blur nor solarisation (CIFAR's 32×32, MNIST's 28×28). */
    public static final int SMALL_IMAGE_SIDE = 32;

    public ViewParams {
        if (!(cropScaleMin > 0 && cropScaleMin <= cropScaleMax && cropScaleMax <= 1)) {
            throw new IllegalArgumentException("crop scale must satisfy 0 < min <= max <= 1: " + cropScaleMin + ", " + cropScaleMax);
        }
        if (!(ratioMin > 0 && ratioMin <= ratioMax)) throw new IllegalArgumentException("bad aspect ratio range " + ratioMin + ".." + ratioMax);
        for (double p : new double[] {flipP, jitterP, grayP, blurP, solarizeP}) {
            if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("probability out of [0, 1]: " + p);
        }
        if (!(brightness >= 0 && contrast >= 0 && saturation >= 0 && hue >= 0 && hue <= 0.5)) {
            throw new IllegalArgumentException("jitter strengths must be >= 0 (hue <= 0.5)");
        }
    }

    /**
     * BYOL's view {@code view} (1 or 2; BYOL's asymmetric pair: blur 1.0 / 0.1, solarise 0 / 0.2): crop
     * 0.08–1, ratio 3/4–4/3, flip 0.5, jitter 0.4/0.4/0.2/0.1 with p 0.8, grayscale 0.2. Blur and
     * solarise are off for images of side ≤ 32, as the spec says for CIFAR-sized inputs.
     */
    public static ViewParams byol(int view, int side) {
        if (view != 1 && view != 2) throw new IllegalArgumentException("BYOL has views 1 and 2, not " + view);
        boolean small = side <= SMALL_IMAGE_SIDE;
        double blur = small ? 0 : view == 1 ? 1.0 : 0.1;
        double solarize = small ? 0 : view == 1 ? 0 : 0.2;
        return new ViewParams(0.08, 1, 3.0 / 4, 4.0 / 3, 0.5, 0.8, 0.4, 0.4, 0.2, 0.1, 0.2, blur, solarize);
    }

    /** ReLA's milder phase augmentation (both views): crop 0.5–1, flip, jitter 0.8/0.8/0.8/0.2 p 0.8, grayscale 0.2. */
    public static ViewParams relaPhase() {
        return new ViewParams(0.5, 1, 3.0 / 4, 4.0 / 3, 0.5, 0.8, 0.8, 0.8, 0.8, 0.2, 0.2, 0, 0);
    }

    /** No randomness at all: the whole image, resized; for tests and the evaluation view. */
    public static ViewParams identity() {
        return new ViewParams(1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }
}
