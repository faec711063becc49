package io.frugal.methods.data;

/**
 * Photometric changes applied in place to one float image (C×H×W, values in [0, 1]), each clamped
 * back to [0, 1] as image libraries do. Luminance uses the ITU-R BT.601 weights for RGB.
 */
final class PixelJitter {
    private PixelJitter() {}

    static void scale(float[] img, int offset, int size, float factor) {
        for (int i = offset; i < offset + size; i++) img[i] = clamp(img[i] * factor);
    }

    static void shift(float[] img, int offset, int size, float delta) {
        for (int i = offset; i < offset + size; i++) img[i] = clamp(img[i] + delta);
    }

    /** Blends every value with the image's mean luminance: factor 1 keeps it, 0 gives flat grey. */
    static void contrast(float[] img, int offset, int channels, int plane, float factor) {
        float mean = meanLuminance(img, offset, channels, plane);
        int size = channels * plane;
        for (int i = offset; i < offset + size; i++) img[i] = clamp(mean + factor * (img[i] - mean));
    }

    /** Blends each RGB pixel with its own luminance: factor 1 keeps it, 0 gives greyscale. */
    static void saturation(float[] img, int offset, int plane, float factor) {
        for (int p = 0; p < plane; p++) {
            int r = offset + p;
            int g = r + plane;
            int b = g + plane;
            float lum = luminance(img[r], img[g], img[b]);
            img[r] = clamp(lum + factor * (img[r] - lum));
            img[g] = clamp(lum + factor * (img[g] - lum));
            img[b] = clamp(lum + factor * (img[b] - lum));
        }
    }

    private static float meanLuminance(float[] img, int offset, int channels, int plane) {
        double sum = 0;
        for (int p = 0; p < plane; p++) {
            int i = offset + p;
            sum += channels == 3 ? luminance(img[i], img[i + plane], img[i + 2 * plane]) : img[i];
        }
        return (float) (sum / plane);
    }

    private static float luminance(float r, float g, float b) {
        return 0.299f * r + 0.587f * g + 0.114f * b;
    }

    static float clamp(float v) {
        return v < 0f ? 0f : Math.min(v, 1f);
    }
}
