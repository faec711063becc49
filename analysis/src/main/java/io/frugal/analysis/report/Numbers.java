package io.frugal.analysis.report;

import java.util.Locale;

/**
 * How numbers read in the human formats (Markdown, LaTeX): top-1 as a percentage with two
 * decimals, ratios with four, seconds with one, counts grouped by thousands. A missing value (NaN)
 * reads "n/a". Machine formats (CSV, JSON) do not come through here: they keep full precision.
 */
final class Numbers {
    static final String NA = "n/a";

    private Numbers() {}

    static String percent(double fraction) {
        return Double.isNaN(fraction) ? NA : String.format(Locale.ROOT, "%.2f", fraction * 100);
    }

    /** A difference of two fractions in percentage points, always signed. */
    static String points(double fractionDelta) {
        return Double.isNaN(fractionDelta) ? NA : String.format(Locale.ROOT, "%+.2f", fractionDelta * 100);
    }

    static String ratio(double r) {
        return Double.isNaN(r) || Double.isInfinite(r) ? NA : String.format(Locale.ROOT, "%.4f", r);
    }

    static String seconds(double s) {
        return Double.isNaN(s) ? NA : String.format(Locale.ROOT, "%.1f", s);
    }

    static String count(double n) {
        return Double.isNaN(n) ? NA : String.format(Locale.ROOT, "%,.0f", n);
    }

    /** p-values: four decimals, and a bound below that rather than a misleading 0.0000. */
    static String pValue(double p) {
        if (Double.isNaN(p)) return NA;
        return p < 1e-4 ? "<0.0001" : String.format(Locale.ROOT, "%.4f", p);
    }

    /** A metric value in its unit: a fraction as a percentage, any other number to 4 significant digits. */
    static String metric(io.frugal.core.kind.MetricSchema.Metric m, double x) {
        if (Double.isNaN(x)) return NA;
        return m.unit() == io.frugal.core.kind.MetricSchema.Unit.FRACTION ? percent(x)
                : String.format(Locale.ROOT, "%.4g", x);
    }

    /** A difference of a metric: signed percentage points for fractions, signed 4 significant digits otherwise. */
    static String metricDelta(io.frugal.core.kind.MetricSchema.Metric m, double x) {
        if (Double.isNaN(x)) return NA;
        return m.unit() == io.frugal.core.kind.MetricSchema.Unit.FRACTION ? points(x)
                : String.format(Locale.ROOT, "%+.4g", x);
    }

    /** A dimensionless statistic (effect size, probability) to two decimals, signed where asked. */
    static String fixed2(double x, boolean signed) {
        if (Double.isNaN(x)) return NA;
        return String.format(Locale.ROOT, signed ? "%+.2f" : "%.2f", x);
    }

    /** Seeds per arm: a count, ∞ beyond any study, n/a without spread. */
    static String seeds(double n) {
        if (Double.isNaN(n)) return NA;
        return Double.isInfinite(n) ? "∞" : count(n);
    }

    /** "mean ± sd", or just the mean when there is no sd (one run). */
    static String meanSd(String mean, String sd) {
        return sd.equals(NA) || mean.equals(NA) ? mean : mean + " ± " + sd;
    }

    static String interval(String low, String high) {
        return low.equals(NA) ? NA : "[" + low + ", " + high + "]";
    }
}
