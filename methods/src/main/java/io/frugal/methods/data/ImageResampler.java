package io.frugal.methods.data;

/**
 * Resizes decoded images with a triangle (bilinear) filter whose support widens with the reduction
 * factor, so downscaling averages every source pixel instead of sampling a few of them (plain
 * bilinear at a 4× reduction reads a quarter of the pixels and aliases). Separable: rows, then columns.
 * Used once per image when a dataset is decoded; the weights are computed per call.
 */
final class ImageResampler {
    private ImageResampler() {}

    /** Source indices and weights for each output position along one axis. */
    private record Taps(int[] first, int[] count, float[] weights, int maxTaps) {}

    private static Taps taps(int inSize, int outSize) {
        double scale = (double) inSize / outSize;
        double support = Math.max(scale, 1.0); // the filter's half-width in source pixels
        int maxTaps = (int) Math.ceil(support) * 2 + 1;
        int[] first = new int[outSize];
        int[] count = new int[outSize];
        float[] weights = new float[outSize * maxTaps];
        for (int o = 0; o < outSize; o++) {
            double centre = (o + 0.5) * scale;
            int lo = Math.max(0, (int) Math.floor(centre - support));
            int hi = Math.min(inSize, (int) Math.ceil(centre + support));
            double total = 0;
            int n = 0;
            for (int i = lo; i < hi && n < maxTaps; i++, n++) {
                double w = Math.max(0, 1 - Math.abs((i + 0.5 - centre) / support));
                weights[o * maxTaps + n] = (float) w;
                total += w;
            }
            for (int k = 0; k < n; k++) weights[o * maxTaps + k] /= (float) total;
            first[o] = lo;
            count[o] = n;
        }
        return new Taps(first, count, weights, maxTaps);
    }

    /**
     * Resizes planes [c][h·w] (values 0..255) to [c][outH·outW], rounding to bytes, into
     * {@code out[offset ..]}.
     */
    static void resize(float[] in, int channels, int h, int w, int outH, int outW, byte[] out, int offset) {
        Taps tx = taps(w, outW);
        Taps ty = taps(h, outH);
        float[] rows = new float[h * outW];
        for (int c = 0; c < channels; c++) {
            int plane = c * h * w;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < outW; x++) {
                    float s = 0;
                    int base = tx.first()[x];
                    for (int k = 0; k < tx.count()[x]; k++) s += tx.weights()[x * tx.maxTaps() + k] * in[plane + y * w + base + k];
                    rows[y * outW + x] = s;
                }
            }
            int o = offset + c * outH * outW;
            for (int y = 0; y < outH; y++) {
                int base = ty.first()[y];
                for (int x = 0; x < outW; x++) {
                    float s = 0;
                    for (int k = 0; k < ty.count()[y]; k++) s += ty.weights()[y * ty.maxTaps() + k] * rows[(base + k) * outW + x];
                    out[o + y * outW + x] = (byte) Math.max(0, Math.min(255, Math.round(s)));
                }
            }
        }
    }
}
