package io.frugal.methods.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frugal.core.store.Json;

/**
 * One line of metrics.jsonl: what one epoch did.
 *
 * @param epoch        1-based epoch number
 * @param fraction     the schedule's data fraction for the epoch
 * @param images       images trained on in the epoch
 * @param evaluations  images trained on since the start of the run (cumulative)
 * @param loss         mean softmax cross-entropy over the epoch's training images
 * @param top1         test top-1 accuracy in [0, 1] of the weight average (EMA)
 * @param lr           the epoch's learning rate
 * @param trainSeconds seconds spent training in the epoch (across resumes)
 * @param evalSeconds  seconds spent evaluating after the epoch
 */
public record EpochMetrics(int epoch, double fraction, int images, long evaluations, double loss, double top1,
                           double lr, double trainSeconds, double evalSeconds) {

    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("epoch", epoch);
        o.put("fraction", fraction);
        o.put("images", images);
        o.put("evaluations", evaluations);
        o.put("loss", loss);
        o.put("top1", top1);
        o.put("lr", lr);
        o.put("train_seconds", trainSeconds);
        o.put("eval_seconds", evalSeconds);
        return o;
    }

    public static EpochMetrics fromJson(JsonNode o) {
        return new EpochMetrics(o.path("epoch").asInt(), o.path("fraction").asDouble(), o.path("images").asInt(),
                o.path("evaluations").asLong(), o.path("loss").asDouble(), o.path("top1").asDouble(),
                o.path("lr").asDouble(), o.path("train_seconds").asDouble(), o.path("eval_seconds").asDouble());
    }
}
