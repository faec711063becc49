package io.frugal.core.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * The final numbers of a done run, from its result.json: the kind's metrics by key (as its
 * {@link io.frugal.core.kind.MetricSchema} names them), and what every kind reports: its cost
 * spent and planned (in the kind's unit), seconds training, evaluating and in all, how often it
 * was resumed, when it finished. {@code raw} is the whole file, for kind-specific tables.
 */
public record RunResult(String runId, Map<String, Double> metrics, long evaluations, long plannedEvaluations,
        double trainSeconds, double evalSeconds, double wallSeconds, long resumes, String finishedAt, JsonNode raw) {
    public RunResult {
        metrics = Map.copyOf(metrics);
    }

    /** The metric of that key; NaN when the result has none. */
    public double metric(String key) {
        Double v = metrics.get(key);
        return v == null ? Double.NaN : v;
    }
}
