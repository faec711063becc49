package io.frugal.harness.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Median and range of repeated measurements: what every benchmark figure is reported as. */
public record Spread(double median, double min, double max, int n) {
    static Spread of(List<Double> values) {
        if (values.isEmpty()) throw new IllegalArgumentException("no values");
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        int mid = v.length / 2;
        double median = v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
        return new Spread(median, v[0], v[v.length - 1], v.length);
    }

    /** {@code median [min–max]} with {@code decimals} decimals; just the value when there is one. */
    String format(int decimals) {
        String f = "%." + decimals + "f";
        if (n == 1) return String.format(Locale.ROOT, f, median);
        return String.format(Locale.ROOT, f + " [" + f + "–" + f + "]", median, min, max);
    }
}
