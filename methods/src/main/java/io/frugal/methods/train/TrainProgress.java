package io.frugal.methods.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frugal.core.store.Json;

/**
 * Where a run stands, in the scalars a checkpoint must carry to continue exactly: the position
 * (epochs done, batches done in the current epoch), the partial sums of the current epoch, the
 * best epoch so far and the time spent. Tensors are carried separately.
 */
final class TrainProgress {
    int completedEpochs;
    /** Batches of epoch {@code completedEpochs} already trained. */
    int batch;
    double epochLossSum;
    int epochImages;
    double epochTrainSeconds;
    long evaluations;
    double trainSeconds;
    double evalSeconds;
    double wallSeconds;
    double bestTop1 = -1;
    int bestEpoch;
    int resumes;
    long optimizerSteps;
    long averageUpdates;

    void batchTrained(double meanLoss, int images, double seconds) {
        batch++;
        epochLossSum += meanLoss * images;
        epochImages += images;
        evaluations += images;
        epochTrainSeconds += seconds;
        trainSeconds += seconds;
    }

    /** Closes the current epoch after its evaluation: what metrics.jsonl records for it. */
    EpochMetrics epochEvaluated(double fraction, double lr, double top1, double evalSeconds) {
        int epoch = completedEpochs + 1;
        EpochMetrics m = new EpochMetrics(epoch, fraction, epochImages, evaluations, epochLossSum / epochImages,
                top1, lr, epochTrainSeconds, evalSeconds);
        this.evalSeconds += evalSeconds;
        if (top1 > bestTop1) {
            bestTop1 = top1;
            bestEpoch = epoch;
        }
        completedEpochs = epoch;
        batch = 0;
        epochLossSum = 0;
        epochImages = 0;
        epochTrainSeconds = 0;
        return m;
    }

    ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("completed_epochs", completedEpochs);
        o.put("batch", batch);
        o.put("epoch_loss_sum", epochLossSum);
        o.put("epoch_images", epochImages);
        o.put("epoch_train_seconds", epochTrainSeconds);
        o.put("evaluations", evaluations);
        o.put("train_seconds", trainSeconds);
        o.put("eval_seconds", evalSeconds);
        o.put("wall_seconds", wallSeconds);
        o.put("best_top1", bestTop1);
        o.put("best_epoch", bestEpoch);
        o.put("resumes", resumes);
        o.put("optimizer_steps", optimizerSteps);
        o.put("average_updates", averageUpdates);
        return o;
    }

    static TrainProgress fromJson(JsonNode o) {
        TrainProgress p = new TrainProgress();
        p.completedEpochs = o.path("completed_epochs").asInt();
        p.batch = o.path("batch").asInt();
        // Jackson writes doubles with full round-trip precision, so the sums continue bit-exactly.
        p.epochLossSum = o.path("epoch_loss_sum").asDouble();
        p.epochImages = o.path("epoch_images").asInt();
        p.epochTrainSeconds = o.path("epoch_train_seconds").asDouble();
        p.evaluations = o.path("evaluations").asLong();
        p.trainSeconds = o.path("train_seconds").asDouble();
        p.evalSeconds = o.path("eval_seconds").asDouble();
        p.wallSeconds = o.path("wall_seconds").asDouble();
        p.bestTop1 = o.path("best_top1").asDouble();
        p.bestEpoch = o.path("best_epoch").asInt();
        p.resumes = o.path("resumes").asInt();
        p.optimizerSteps = o.path("optimizer_steps").asLong();
        p.averageUpdates = o.path("average_updates").asLong();
        return p;
    }
}
