package io.frugal.methods.rela;

import io.frugal.methods.data.Augmentations;
import io.frugal.methods.data.ImageSet;
import io.frugal.core.random.SeededRandom;

/**
 * Draws one augmented view of a stored image into a float array (C×S×S, values in [0, 1]), in
 * BYOL's order: random resized crop (bilinear, pixel-centre aligned, no antialiasing) with an
 * optional horizontal flip, colour jitter (brightness, contrast, saturation, hue in a random order),
 * grayscale, Gaussian blur, solarise.
 *
 * <p>All randomness comes from the {@link SeededRandom} passed in; {@link #view} derives it from
 * (seed, "augment", epoch, index, view), so a view depends on nothing but those and resuming gives the
 * same pixels. Every random number is drawn whether or not its transform fires, so changing one
 * probability does not shift the others' draws. Nothing is allocated per pixel: the image-sized blur
 * buffer is one per thread, reused; per image only a few arrays of at most 23 elements.
 *
 * <p>1-channel images: brightness and contrast apply, saturation and hue are skipped (they are
 * undefined without colour), grayscale is the identity.
 */
public final class ViewAugmenter {
    private static final int CROP_ATTEMPTS = 10;
    // ITU-R 601 luma, torchvision's rgb_to_grayscale weights
    private static final float R = 0.299f;
    private static final float G = 0.587f;
    private static final float B = 0.114f;

    private final ViewParams params;
    private final int side;
    private final ThreadLocal<float[]> scratch;
    // per output column: source column offsets within the box and the interpolation weight
    private final ThreadLocal<int[]> columns;
    private final ThreadLocal<float[]> columnWeights;

    public ViewAugmenter(ViewParams params, int side) {
        if (side <= 0) throw new IllegalArgumentException("output side must be positive: " + side);
        this.params = params;
        this.side = side;
        this.scratch = ThreadLocal.withInitial(() -> new float[side * side]);
        this.columns = ThreadLocal.withInitial(() -> new int[2 * side]);
        this.columnWeights = ThreadLocal.withInitial(() -> new float[side]);
    }

    public ViewParams params() {
        return params;
    }

    public int side() {
        return side;
    }

    /** The stream of one view: (seed, "augment", epoch, index, view). */
    public static SeededRandom stream(long seed, long epoch, long index, int view) {
        return SeededRandom.of(seed, "augment", epoch, index, view);
    }

    /** View {@code view} of image {@code index} at {@code epoch}, into {@code out[offset ..]}. */
    public void view(ImageSet set, int index, long seed, long epoch, int view, float[] out, int offset) {
        apply(set, index, stream(seed, epoch, index, view), out, offset);
    }

    /** Writes set.channels()·side·side floats to {@code out[offset ..]}. */
    public void apply(ImageSet set, int index, SeededRandom rng, float[] out, int offset) {
        int c = set.channels();
        int[] box = new int[4];
        cropBox(rng, set.height(), set.width(), params, box);
        boolean flip = rng.nextDouble() < params.flipP();
        boolean jitter = rng.nextDouble() < params.jitterP();
        int order = rng.nextInt(24); // one of the 4! orders of the jitter parts
        float bright = (float) rng.uniform(Math.max(0, 1 - params.brightness()), 1 + params.brightness());
        float contr = (float) rng.uniform(Math.max(0, 1 - params.contrast()), 1 + params.contrast());
        float sat = (float) rng.uniform(Math.max(0, 1 - params.saturation()), 1 + params.saturation());
        float hueShift = (float) rng.uniform(-params.hue(), params.hue());
        boolean gray = rng.nextDouble() < params.grayP();
        boolean blur = rng.nextDouble() < params.blurP();
        double sigma = rng.uniform(0.1, 2.0);
        boolean solarize = rng.nextDouble() < params.solarizeP();

        resizedCrop(set, index, box, flip, out, offset);
        int n = side * side;
        if (jitter) {
            int[] parts = nthPermutation(order);
            for (int part : parts) {
                switch (part) {
                    case 0 -> { if (bright != 1f) scale(out, offset, c * n, bright); }
                    case 1 -> { if (contr != 1f) contrast(out, offset, c, n, contr); }
                    case 2 -> { if (c == 3 && sat != 1f) saturate(out, offset, n, sat); }
                    default -> { if (c == 3 && hueShift != 0f) hue(out, offset, n, hueShift); }
                }
            }
        }
        if (gray && c == 3) grayscale(out, offset, n);
        if (blur) blur(out, offset, c, sigma);
        if (solarize) {
            for (int i = offset; i < offset + c * n; i++) if (out[i] >= 0.5f) out[i] = 1f - out[i];
        }
    }

    /**
     * torchvision's RandomResizedCrop.get_params: up to 10 tries of an area fraction and a log-uniform
     * aspect ratio; if none fits, the largest centred crop whose ratio is clamped into range.
     * box = {top, left, height, width}.
     */
    static void cropBox(SeededRandom rng, int h, int w, ViewParams p, int[] box) {
        double area = (double) h * w;
        double logLo = Math.log(p.ratioMin());
        double logHi = Math.log(p.ratioMax());
        for (int attempt = 0; attempt < CROP_ATTEMPTS; attempt++) {
            double target = area * rng.uniform(p.cropScaleMin(), p.cropScaleMax());
            double ratio = Math.exp(rng.uniform(logLo, logHi));
            int cw = (int) Math.round(Math.sqrt(target * ratio));
            int ch = (int) Math.round(Math.sqrt(target / ratio));
            if (cw > 0 && cw <= w && ch > 0 && ch <= h) {
                box[0] = rng.nextInt(h - ch + 1);
                box[1] = rng.nextInt(w - cw + 1);
                box[2] = ch;
                box[3] = cw;
                return;
            }
        }
        double inRatio = (double) w / h;
        int cw;
        int ch;
        if (inRatio < p.ratioMin()) {
            cw = w;
            ch = (int) Math.round(w / p.ratioMin());
        } else if (inRatio > p.ratioMax()) {
            ch = h;
            cw = (int) Math.round(h * p.ratioMax());
        } else {
            cw = w;
            ch = h;
        }
        box[0] = (h - ch) / 2;
        box[1] = (w - cw) / 2;
        box[2] = ch;
        box[3] = cw;
    }

    /** Bilinear resize of the box to side×side, source coordinate (dst + ½)·scale − ½ clamped to the box. */
    private void resizedCrop(ImageSet set, int index, int[] box, boolean flip, float[] out, int offset) {
        byte[] px = set.pixels();
        int h = set.height();
        int w = set.width();
        int channels = set.channels();
        double sy = (double) box[2] / side;
        double sx = (double) box[3] / side;
        int[] cols = columns.get();
        float[] wxs = columnWeights.get();
        for (int x = 0; x < side; x++) {
            int xs = flip ? side - 1 - x : x;
            double fx = Math.min(Math.max((xs + 0.5) * sx - 0.5, 0), box[3] - 1);
            int x0 = (int) fx;
            cols[2 * x] = box[1] + x0;
            cols[2 * x + 1] = box[1] + Math.min(x0 + 1, box[3] - 1);
            wxs[x] = (float) (fx - x0);
        }
        int o = offset;
        for (int c = 0; c < channels; c++) {
            int plane = (index * channels + c) * h * w;
            for (int y = 0; y < side; y++) {
                double fy = Math.min(Math.max((y + 0.5) * sy - 0.5, 0), box[2] - 1);
                int y0 = (int) fy;
                int y1 = Math.min(y0 + 1, box[2] - 1);
                float wy = (float) (fy - y0);
                int row0 = plane + (box[0] + y0) * w;
                int row1 = plane + (box[0] + y1) * w;
                for (int x = 0; x < side; x++) {
                    int x0 = cols[2 * x];
                    int x1 = cols[2 * x + 1];
                    float wx = wxs[x];
                    float top = (px[row0 + x0] & 0xFF) * (1 - wx) + (px[row0 + x1] & 0xFF) * wx;
                    float bottom = (px[row1 + x0] & 0xFF) * (1 - wx) + (px[row1 + x1] & 0xFF) * wx;
                    out[o++] = (top * (1 - wy) + bottom * wy) / Augmentations.PIXEL_MAX;
                }
            }
        }
    }

    private static int[] nthPermutation(int k) {
        int[] items = {0, 1, 2, 3};
        int[] out = new int[4];
        int[] fact = {6, 2, 1, 1};
        boolean[] used = new boolean[4];
        for (int i = 0; i < 4; i++) {
            int pick = k / fact[i];
            k %= fact[i];
            for (int j = 0; j < 4; j++) {
                if (used[j]) continue;
                if (pick-- == 0) {
                    out[i] = items[j];
                    used[j] = true;
                    break;
                }
            }
        }
        return out;
    }

    private static float clamp(float v) {
        return v < 0f ? 0f : Math.min(v, 1f);
    }

    private static void scale(float[] a, int from, int len, float f) {
        for (int i = from; i < from + len; i++) a[i] = clamp(a[i] * f);
    }

    /** Blends towards the mean of the (grayscale) image, as torchvision's adjust_contrast does. */
    private static void contrast(float[] a, int off, int c, int n, float f) {
        double sum = 0;
        if (c == 3) {
            for (int i = 0; i < n; i++) sum += R * a[off + i] + G * a[off + n + i] + B * a[off + 2 * n + i];
        } else {
            for (int i = 0; i < c * n; i++) sum += a[off + i];
            sum /= c;
        }
        float mean = (float) (sum / n);
        float shift = (1 - f) * mean;
        for (int i = off; i < off + c * n; i++) a[i] = clamp(f * a[i] + shift);
    }

    /** Blends each pixel towards its own gray value. */
    private static void saturate(float[] a, int off, int n, float f) {
        for (int i = 0; i < n; i++) {
            float g = (1 - f) * (R * a[off + i] + G * a[off + n + i] + B * a[off + 2 * n + i]);
            a[off + i] = clamp(f * a[off + i] + g);
            a[off + n + i] = clamp(f * a[off + n + i] + g);
            a[off + 2 * n + i] = clamp(f * a[off + 2 * n + i] + g);
        }
    }

    /** Rotates hue by {@code shift} turns through HSV; gray pixels (no hue) are unchanged. */
    private static void hue(float[] a, int off, int n, float shift) {
        for (int i = 0; i < n; i++) {
            float r = a[off + i];
            float g = a[off + n + i];
            float b = a[off + 2 * n + i];
            float max = Math.max(r, Math.max(g, b));
            float min = Math.min(r, Math.min(g, b));
            float chroma = max - min;
            if (chroma <= 0f) continue;
            float h;
            if (max == r) h = (g - b) / chroma;
            else if (max == g) h = 2f + (b - r) / chroma;
            else h = 4f + (r - g) / chroma;
            h = h / 6f + shift;
            h -= (float) Math.floor(h);
            // back from (h, s = chroma / max, v = max)
            float h6 = h * 6f;
            int sector = Math.min((int) h6, 5);
            float frac = h6 - sector;
            float p = max - chroma;
            float q = max - chroma * frac;
            float t = max - chroma * (1f - frac);
            switch (sector) {
                case 0 -> { r = max; g = t; b = p; }
                case 1 -> { r = q; g = max; b = p; }
                case 2 -> { r = p; g = max; b = t; }
                case 3 -> { r = p; g = q; b = max; }
                case 4 -> { r = t; g = p; b = max; }
                default -> { r = max; g = p; b = q; }
            }
            a[off + i] = r;
            a[off + n + i] = g;
            a[off + 2 * n + i] = b;
        }
    }

    private static void grayscale(float[] a, int off, int n) {
        for (int i = 0; i < n; i++) {
            float g = R * a[off + i] + G * a[off + n + i] + B * a[off + 2 * n + i];
            a[off + i] = g;
            a[off + n + i] = g;
            a[off + 2 * n + i] = g;
        }
    }

    /** Kernel side: about a tenth of the image, odd (23 at 224, BYOL's; 7 at 64). */
    static int blurKernelSide(int side) {
        return 2 * (int) Math.round(0.05 * side) + 1;
    }

    /** Separable Gaussian blur, reflect padding (torchvision's gaussian_blur), in place per channel. */
    private void blur(float[] a, int off, int c, double sigma) {
        int k = blurKernelSide(side);
        int r = k / 2;
        if (r == 0 || r >= side) return;
        float[] kernel = new float[k];
        double total = 0;
        for (int i = 0; i < k; i++) {
            double d = i - r;
            kernel[i] = (float) Math.exp(-d * d / (2 * sigma * sigma));
            total += kernel[i];
        }
        for (int i = 0; i < k; i++) kernel[i] /= (float) total;
        float[] tmp = scratch.get();
        int n = side * side;
        for (int ch = 0; ch < c; ch++) {
            int plane = off + ch * n;
            for (int y = 0; y < side; y++) {
                int row = plane + y * side;
                for (int x = 0; x < side; x++) {
                    float s = 0;
                    if (x >= r && x < side - r) {
                        for (int t = 0; t < k; t++) s += kernel[t] * a[row + x - r + t];
                    } else {
                        for (int t = -r; t <= r; t++) s += kernel[t + r] * a[row + reflect(x + t)];
                    }
                    tmp[y * side + x] = s;
                }
            }
            for (int y = 0; y < side; y++) {
                int row = plane + y * side;
                for (int x = 0; x < side; x++) a[row + x] = 0;
                for (int t = -r; t <= r; t++) {
                    int src = reflect(y + t) * side;
                    float kt = kernel[t + r];
                    for (int x = 0; x < side; x++) a[row + x] += kt * tmp[src + x];
                }
            }
        }
    }

    private int reflect(int i) {
        if (i < 0) return -i;
        if (i >= side) return 2 * side - 2 - i;
        return i;
    }
}
