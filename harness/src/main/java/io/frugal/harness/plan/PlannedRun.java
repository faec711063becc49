package io.frugal.harness.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frugal.core.store.Json;

/**
 * One run of a plan, as written in {@code plan.json}'s {@code runs}.
 *
 * @param trainSize           N: the images an epoch with fraction 1 trains on (train_limit or the dataset's size)
 * @param plannedEvaluations  Σ over epochs of round(f(e)·N), from the run's schedule
 * @param baselineEvaluations N·E, what full-data training of the same length would do
 */
public record PlannedRun(String id, String experiment, String dataset, long seed, ObjectNode matrix, int epochs,
                         int trainSize, long plannedEvaluations, long baselineEvaluations, double evaluationRatio,
                         ObjectNode config) {

    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("id", id);
        o.put("experiment", experiment);
        o.put("dataset", dataset);
        o.put("seed", seed);
        o.set("matrix", matrix.deepCopy());
        o.put("epochs", epochs);
        o.put("train_size", trainSize);
        o.put("planned_evaluations", plannedEvaluations);
        o.put("baseline_evaluations", baselineEvaluations);
        o.put("evaluation_ratio", evaluationRatio);
        o.set("config", config.deepCopy());
        return o;
    }

    public static PlannedRun fromJson(JsonNode o) {
        return new PlannedRun(o.get("id").asText(), o.get("experiment").asText(), o.get("dataset").asText(),
                o.get("seed").asLong(), (ObjectNode) o.get("matrix"), o.get("epochs").asInt(), o.get("train_size").asInt(),
                o.get("planned_evaluations").asLong(), o.get("baseline_evaluations").asLong(),
                o.get("evaluation_ratio").asDouble(), (ObjectNode) o.get("config"));
    }
}
