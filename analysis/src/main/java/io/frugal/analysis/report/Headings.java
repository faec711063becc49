package io.frugal.analysis.report;

import io.frugal.core.kind.MetricSchema;
import io.frugal.core.kind.MetricSchema.Metric;

/**
 * Column headings and footnote words built from a trainer kind's metric schema, so a table of
 * any kind names its own metric and cost: a classifier's "top-1 final %" and "images trained on",
 * a kind without a best-over-training companion just its metric's label.
 */
final class Headings {
    private Headings() {}

    static String unitSuffix(Metric m) {
        return m.unit() == MetricSchema.Unit.FRACTION ? " %" : "";
    }

    /** "top-1 final %": the primary metric at the end of training ("final" only beside a best column). */
    static String primary(MetricSchema s) {
        return s.primary().label() + (s.best() != null ? " final" : "") + unitSuffix(s.primary());
    }

    /** "top-1 best %": the best-over-training companion; null for kinds without one. */
    static String best(MetricSchema s) {
        return s.best() == null ? null : s.primary().label() + " best" + unitSuffix(s.best());
    }

    /** "Δ top-1 pp": percentage points for fractions. */
    static String delta(MetricSchema s) {
        return "Δ " + s.primary().label() + (s.primary().unit() == MetricSchema.Unit.FRACTION ? " pp" : "");
    }

    /** How a difference is measured, for the footnote. */
    static String deltaUnit(MetricSchema s) {
        return s.primary().unit() == MetricSchema.Unit.FRACTION ? "in percentage points" : "in the metric's own unit";
    }

    /** Capitalised first letter, for LaTeX headings ("Top-1"). */
    static String capitalised(String label) {
        return label.isEmpty() ? label : Character.toUpperCase(label.charAt(0)) + label.substring(1);
    }
}
