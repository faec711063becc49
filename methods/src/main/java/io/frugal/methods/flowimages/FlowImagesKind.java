package io.frugal.methods.flowimages;

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
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The {@code flow-images} kind: the real-data part of "phase-aware training of flow models"
 * (arXiv 2412.07972). A small denoiser (VP schedule, ε-prediction) is trained on two classes of
 * MNIST or Fashion-MNIST at fixed shares; a classifier run it needs labels its generated images and
 * the U-turn probe's outputs. Its cost is the images denoised in training (optimizer steps × batch
 * size); its primary metric the distance of the generated share of class a from the training
 * share, |p̂ − p| (lower is better: p̂ itself has no better direction, only closeness to p).
 */
public final class FlowImagesKind implements TrainerKind {
    static final String CLASSIFIER_ROLE = "classifier";
    static final MetricSchema METRICS = new MetricSchema(
            new Metric("proportion_error", "|p̂ − p|", Unit.FRACTION, false),
            null,
            List.of(new Metric("proportion_a", "p̂ (class a)", Unit.FRACTION, false),
                    new Metric("other_fraction", "neither class", Unit.FRACTION, false),
                    new Metric("final_loss", "final loss", Unit.NUMBER, false)),
            "images denoised", "epochs",
            List.of("target", "switch_interval", FlowImagesTrainer.UTURN_T0_HALF, "time_sampling", "classifier_two_class_accuracy",
                    "denoiser_parameters"));

    @Override
    public String name() {
        return "flow-images";
    }

    @Override
    public Set<String> keys() {
        return FlowImagesConfig.KEYS;
    }

    @Override
    public void check(ConfigReader config) {
        FlowImagesConfig.check(config);
    }

    @Override
    public Set<String> datasets() {
        return new java.util.LinkedHashSet<>(List.of("fashion-mnist", "mnist"));
    }

    @Override
    public Map<String, String> inputs() {
        return Map.of(CLASSIFIER_ROLE, "classifier");
    }

    @Override
    public PlannedCost plannedCost(JsonNode config) {
        FlowImagesConfig c = FlowImagesConfig.parse(config);
        ObjectNode details = Json.object();
        details.put("epochs", c.epochs());
        details.put("optimizer_steps", c.totalSteps());
        details.put("batch_size", c.batchSize());
        long images = c.totalSteps() * c.batchSize();
        // no saving is claimed on cost: uniform and phase-aware runs are compared at the same budget
        return new PlannedCost(details, images, images);
    }

    @Override
    public MetricSchema metrics() {
        return METRICS;
    }

    @Override
    public long progressPoints(JsonNode config) {
        return config.path("epochs").asLong(0);
    }

    /** The dataset's pixels as bytes and the two-class set as floats, the classifier and denoiser small: 1.5 GiB covers the GPU profile's 7000 32×32 images. */
    @Override
    public OptionalLong heapMiB(JsonNode config) {
        return OptionalLong.of(1536);
    }

    @Override
    public List<KindTable> tables(List<KindRun> runs) {
        return FlowImagesTables.of(runs);
    }

    @Override
    public List<KindPlot> plots(List<KindRun> runs) {
        return FlowImagesPlots.of(runs);
    }

    @Override
    public Trainer trainer() {
        return new FlowImagesTrainer();
    }
}
