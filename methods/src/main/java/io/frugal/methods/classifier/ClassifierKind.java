package io.frugal.methods.classifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frugal.core.config.ConfigReader;
import io.frugal.core.kind.MetricSchema;
import io.frugal.core.kind.MetricSchema.Metric;
import io.frugal.core.kind.MetricSchema.Unit;
import io.frugal.core.kind.PlannedCost;
import io.frugal.core.kind.Trainer;
import io.frugal.core.kind.TrainerKind;
import io.frugal.core.store.Json;
import io.frugal.methods.config.RunConfig;
import io.frugal.methods.data.DatasetLocator;
import io.frugal.methods.data.Datasets;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code classifier} kind: an image classifier (the HVC network) trained on a schedule's
 * share of the data per epoch (Data Step / Increment / Cut, arXiv 2208.02007). Its cost is the
 * images it trains on ("evaluations" in the paper), its metric the test top-1 of the final epoch.
 */
public final class ClassifierKind implements TrainerKind {
    static final MetricSchema METRICS = new MetricSchema(
            new Metric("final_top1", "top-1", Unit.FRACTION, true),
            new Metric("best_top1", "best top-1", Unit.FRACTION, true),
            List.of(), "images trained on", "epochs", List.of("best_epoch", "epochs"));

    /** Runs that differ only by seed share schedule, length and N: plan their evaluations once. */
    private final Map<String, Long> evaluations = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "classifier";
    }

    /** Configs written before frugal had several kinds may lack 'trainer': they are classifiers. */
    @Override
    public boolean isDefault() {
        return true;
    }

    @Override
    public Set<String> keys() {
        return RunConfig.KEYS;
    }

    @Override
    public void check(ConfigReader config) {
        RunConfig.checkKeys(config);
    }

    @Override
    public Set<String> datasets() {
        return Datasets.names();
    }

    @Override
    public PlannedCost plannedCost(JsonNode config) {
        RunConfig c = RunConfig.parse(config);
        int n = trainSize(c);
        String key = Json.canonical(config.get("schedule")) + " " + c.epochs() + " " + n;
        long planned = evaluations.computeIfAbsent(key, k -> c.schedule().evaluations(c.epochs(), n));
        ObjectNode details = Json.object();
        details.put("epochs", c.epochs());
        details.put("train_size", n);
        return new PlannedCost(details, planned, (long) c.epochs() * n);
    }

    /** N: the images an epoch with fraction 1 trains on (train_limit, or the dataset's size). */
    static int trainSize(RunConfig c) {
        return Math.min(Datasets.info(c.dataset()).trainSize(), c.trainLimit() == null ? Integer.MAX_VALUE : c.trainLimit());
    }

    @Override
    public MetricSchema metrics() {
        return METRICS;
    }

    /** metrics.jsonl has one line per epoch: test top-1 after it, and the images trained on so far. */
    @Override
    public java.util.Optional<io.frugal.core.kind.LearningCurve> learningCurve() {
        return java.util.Optional.of(new io.frugal.core.kind.LearningCurve("evaluations", METRICS.costUnit(), "top1",
                new Metric("top1", "test top-1", Unit.FRACTION, true)));
    }

    @Override
    public long progressPoints(JsonNode config) {
        return config.path("epochs").asLong(0);
    }

    @Override
    public OptionalLong heapMiB(JsonNode config) {
        JsonNode dataset = config.path("dataset");
        if (!dataset.isTextual()) return OptionalLong.empty();
        return DatasetHeap.maxHeapMiB(dataset.asText(), DatasetLocator.system());
    }

    @Override
    public Trainer trainer() {
        return new ClassifierRunTrainer();
    }
}
