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

    /** "mean ± sd", or just the mean when there is no sd (one run). */
    static String meanSd(String mean, String sd) {
        return sd.equals(NA) || mean.equals(NA) ? mean : mean + " ± " + sd;
    }

    static String interval(String low, String high) {
        return low.equals(NA) ? NA : "[" + low + ", " + high + "]";
    }
}
