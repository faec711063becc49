package io.frugal.core.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frugal.core.kind.PlannedCost;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * One run of a plan, as written in {@code plan.json}'s {@code runs}: where it sits in the grid,
 * what its kind plans it to cost ({@link PlannedCost}: the kind's own fields such as epochs and
 * train_size, then planned_evaluations, baseline_evaluations and evaluation_ratio, counted in the
 * kind's cost unit), the runs it needs (role → run id; written only when there are some), and its
 * resolved config.
 */
public record PlannedRun(String id, String experiment, String dataset, long seed, ObjectNode matrix, PlannedCost cost,
                         Map<String, String> inputs, ObjectNode config) {
    public PlannedRun {
        inputs = java.util.Collections.unmodifiableMap(new TreeMap<>(inputs));
    }

    public long plannedEvaluations() {
        return cost.planned();
    }

    public long baselineEvaluations() {
        return cost.baseline();
    }

    public double evaluationRatio() {
        return cost.ratio();
    }

    /** A plan field of the run's kind (e.g. {@code epochs}), missing when the kind has none of that name. */
    public JsonNode detail(String key) {
        return cost.details().path(key);
    }

    /** The matrix as axis → value text, in axis order, so cells compare by value. */
    public Map<String, String> matrixLabels() {
        Map<String, String> out = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = matrix.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            JsonNode v = f.getValue();
            out.put(f.getKey(), v.isValueNode() ? v.asText() : Json.compact(v));
        }
        return out;
    }

    public ObjectNode toJson() {
        return toJson(true);
    }

    /**
     * As {@link #toJson()}; {@code copy} false shares the run's own trees with the result, for a
     * caller that only writes it out (plan.json, a million runs) and never changes it.
     */
    ObjectNode toJson(boolean copy) {
        ObjectNode o = Json.object();
        o.put("id", id);
        o.put("experiment", experiment);
        o.put("dataset", dataset);
        o.put("seed", seed);
        o.set("matrix", copy ? matrix.deepCopy() : matrix);
        o.setAll(copy ? cost.details().deepCopy() : cost.details());
        o.put("planned_evaluations", cost.planned());
        o.put("baseline_evaluations", cost.baseline());
        o.put("evaluation_ratio", cost.ratio());
        if (!inputs.isEmpty()) {
            ObjectNode in = o.putObject("inputs");
            inputs.forEach(in::put);
        }
        o.set("config", copy ? config.deepCopy() : config);
        return o;
    }
}
