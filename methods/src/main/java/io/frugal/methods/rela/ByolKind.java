package io.frugal.methods.rela;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frugal.core.config.ConfigReader;
import io.frugal.core.kind.KindPlot;
import io.frugal.core.kind.KindRun;
import io.frugal.core.kind.KindTable;
import io.frugal.core.kind.MetricSchema;
import io.frugal.core.kind.MetricSchema.Metric;
import io.frugal.core.kind.MetricSchema.Unit;
import io.frugal.core.kind.PlannedCost;
import io.frugal.core.kind.Trainer;
import io.frugal.core.kind.TrainerKind;
import io.frugal.core.store.Json;
import io.frugal.methods.data.DatasetInfo;
import io.frugal.methods.data.RepresentationDatasets;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The {@code byol} kind: BYOL self-supervised training on a per-epoch budget subset, optionally aided
 * by ReLA (arXiv 2405.14669: a prior's whitened embeddings as early regression targets), then a
 * linear probe. Cost: views through the online network (2 per image per epoch); the baseline is the
 * same run on full data.
 */
public final class ByolKind implements TrainerKind {
    static final MetricSchema METRICS = new MetricSchema(
            new Metric("probe_top1", "probe top-1", Unit.FRACTION, true),
            null,
            List.of(new Metric("probe_top1_sd", "probe sd", Unit.FRACTION, false),
                    new Metric("handover_step", "hand-over step", Unit.NUMBER, false),
                    new Metric("images_processed", "images processed", Unit.NUMBER, false)),
            "views through the online network (2 per image per epoch)", "epochs",
            List.of("prior", "budget", "total_steps", "target_cache"));

    @Override
    public String name() {
        return ByolConfig.KIND;
    }

    @Override
    public Set<String> keys() {
        return ByolConfig.KEYS;
    }

    @Override
    public void check(ConfigReader config) {
        ByolConfig.checkKeys(config);
    }

    @Override
    public Set<String> datasets() {
        return RepresentationDatasets.names();
    }

    @Override
    public Map<String, String> inputs() {
        return Map.of(ByolConfig.PRIOR_ROLE, ByolConfig.KIND);
    }

    /** N: training images after the class filter and train_limit (the class filter assumes balanced classes). */
    static int trainSize(JsonNode config) {
        DatasetInfo info = RepresentationDatasets.info(config.path("dataset").asText());
        long n = info.trainSize();
        JsonNode classes = config.path("classes");
        if (classes.isArray() && classes.size() > 0) n = n * classes.size() / info.classes();
        if (config.path("train_limit").canConvertToInt()) n = Math.min(n, config.path("train_limit").asInt());
        return (int) n;
    }

    @Override
    public PlannedCost plannedCost(JsonNode config) {
        int n = trainSize(config);
        int epochs = config.path("epochs").asInt();
        double budget = config.path("budget").asDouble(1.0);
        int subset = ByolConfig.subsetSize(budget, n);
        int batch = config.path("batch_size").asInt(128);
        ObjectNode details = Json.object();
        details.put("epochs", epochs);
        details.put("train_size", n);
        details.put("images_per_epoch", subset);
        details.put("steps", (long) ByolConfig.stepsPerEpoch(subset, batch) * epochs);
        return new PlannedCost(details, 2L * subset * epochs, 2L * n * epochs);
    }

    @Override
    public MetricSchema metrics() {
        return METRICS;
    }

    @Override
    public long progressPoints(JsonNode config) {
        return config.path("epochs").asLong(0);
    }

    @Override
    public OptionalLong heapMiB(JsonNode config) {
        JsonNode dataset = config.path("dataset");
        if (!dataset.isTextual() || !RepresentationDatasets.names().contains(dataset.asText())) return OptionalLong.empty();
        DatasetInfo info = RepresentationDatasets.info(dataset.asText());
        long images = (long) info.trainSize() + info.testSize();
        long bytes = images * info.inputChannels() * info.inputHeight() * info.inputWidth();
        // decoded bytes, their un-augmented float copies for embedding in chunks, targets and features (floats), fixed part
        long n = trainSize(config);
        long perImageFloats = 2L * 2048;
        return OptionalLong.of(512 + (2 * bytes + 4 * n * perImageFloats) / (1 << 20));
    }

    @Override
    public List<KindTable> tables(List<KindRun> runs) {
        return ReLaTable.tables(runs);
    }

    /** Whether this run built the ReLA targets or found them cached (by another run, or by itself before a resume). */
    @Override
    public Set<String> circumstanceKeys() {
        return Set.of("target_cache");
    }

    @Override
    public List<KindPlot> plots(List<KindRun> runs) {
        return ReLaPlot.plots(runs);
    }

    @Override
    public Trainer trainer() {
        return new ByolRunTrainer();
    }
}
