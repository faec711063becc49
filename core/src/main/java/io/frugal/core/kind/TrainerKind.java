package io.frugal.core.kind;

import com.fasterxml.jackson.databind.JsonNode;
import io.frugal.core.config.ConfigReader;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One kind of trainer (a run config's {@code trainer} value): everything the harness and the
 * analysis need to know about it, so that neither ever tests a kind's name. A kind lives in a
 * package of its own and is registered once, as a {@link java.util.ServiceLoader} provider of this
 * interface ({@code META-INF/services/io.frugal.core.kind.TrainerKind}).
 *
 * <p>Modelled on DJL's split of Trainer, TrainingConfig and listeners: this interface is the
 * kind's description (config, cost, metrics, resources, inputs); {@link #trainer()} is the part
 * that trains, and the only part that may need the deep-learning engine.
 */
public interface TrainerKind {
    /** The {@code trainer} value of a run config. */
    String name();

    /** The kind a config without a {@code trainer} key is (exactly one registered kind says yes). */
    default boolean isDefault() {
        return false;
    }

    /** The kind's own top-level config keys, beside {@link CommonConfig#KEYS}. */
    Set<String> keys();

    /**
     * Checks the kind's keys of a resolved run config, reporting each problem at its JSON pointer
     * through {@code config} (unknown keys are the caller's check). The common keys are checked
     * already; {@code config.node()} is the whole run config. Configs that differ only in a seed
     * of {@link CommonConfig#ORDINARY_SEEDS} must get the same problems: the planner checks each
     * experiment × dataset × matrix point once, not each of its seeds.
     */
    void check(ConfigReader config);

    /** The dataset names this kind trains on. */
    Set<String> datasets();

    /**
     * The runs this kind may need, by role (a manifest's {@code needs:}), each with the kind that
     * must produce it: e.g. a flow model's images are labelled by a {@code classifier} run.
     */
    default Map<String, String> inputs() {
        return Map.of();
    }

    /**
     * What the run will cost, planned from a config that passed {@link #check}; the same for
     * configs that differ only in a seed of {@link CommonConfig#ORDINARY_SEEDS} and in their
     * inputs' run ids (the planner asks once per experiment × dataset × matrix point).
     */
    PlannedCost plannedCost(JsonNode config);

    /** The metrics its runs report: status lines, report columns and comparisons come from here. */
    MetricSchema metrics();

    /** How many lines metrics.jsonl has when the run is done (epochs, evaluation points): progress displays. */
    long progressPoints(JsonNode config);

    /**
     * The Java heap a trainer JVM of this run should be capped at, in MiB, or empty when the
     * kind cannot say (its input data is not installed: the trainer then stops with its own
     * message). The executors pass it as {@code -Xmx}.
     */
    OptionalLong heapMiB(JsonNode config);

    /**
     * The kind's own report tables, from the done runs of this kind in a store (in plan order);
     * none by default. Analysis renders them in every report format after the generic table.
     */
    default java.util.List<KindTable> tables(java.util.List<KindRun> runs) {
        return java.util.List.of();
    }

    /**
     * The kind's own plots, from the done runs of this kind in a store (in plan order); none by
     * default. Analysis draws them (PNG, SVG, report.html) after the generic plots.
     */
    default java.util.List<KindPlot> plots(java.util.List<KindRun> runs) {
        return java.util.List.of();
    }

    /**
     * The metrics.jsonl keys of the kind's learning curve, or empty when its lines have none
     * (the report then draws no learning curves for it).
     */
    default java.util.Optional<LearningCurve> learningCurve() {
        return java.util.Optional.empty();
    }

    /**
     * Keys of result.json (at any depth) that record how a run happened to be computed rather than
     * what it computed: whether it resumed, whether a cache already held something it needed. Two
     * trainings of the same config may differ there; the determinism audit does not compare them.
     * Clock readings (keys ending in {@code seconds} or {@code _at}) and {@code resumes} are left
     * out for every kind already.
     */
    default Set<String> circumstanceKeys() {
        return Set.of();
    }

    /** The trainer. */
    Trainer trainer();
}
