package io.frugal.core.kind;

import java.util.List;

/**
 * The numbers a kind's runs report in result.json and how to show them.
 *
 * @param primary   the metric tables and comparisons are about (e.g. final top-1)
 * @param best      the best-over-training companion of the primary metric, or null
 * @param others    further result.json metrics, required in every result
 * @param costUnit  what {@code evaluations} counts, in words (e.g. "images trained on")
 * @param progressUnit what one metrics.jsonl line is (e.g. "epochs"), for status lines
 * @param resultDetails further result.json keys that reports copy per run as they are (e.g. best_epoch)
 */
public record MetricSchema(Metric primary, Metric best, List<Metric> others, String costUnit, String progressUnit,
                           List<String> resultDetails) {
    public MetricSchema {
        others = List.copyOf(others);
        resultDetails = List.copyOf(resultDetails);
    }

    /** Every result metric, primary first. */
    public List<Metric> all() {
        List<Metric> out = new java.util.ArrayList<>();
        out.add(primary);
        if (best != null) out.add(best);
        out.addAll(others);
        return out;
    }

    public enum Unit {
        /** A fraction in [0, 1], shown as a percentage. */
        FRACTION,
        /** Any finite number, shown as it is. */
        NUMBER
    }

    /**
     * One result metric.
     *
     * @param key   its key in result.json
     * @param label its name in tables and status lines (e.g. "top-1")
     */
    public record Metric(String key, String label, Unit unit, boolean higherIsBetter) {
        /** The value as a status line shows it: a percentage for fractions. */
        public String format(double value) {
            return unit == Unit.FRACTION ? String.format(java.util.Locale.ROOT, "%.2f%%", 100 * value)
                    : String.format(java.util.Locale.ROOT, "%.4g", value);
        }
    }
}
