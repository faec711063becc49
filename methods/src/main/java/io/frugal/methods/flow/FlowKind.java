package io.frugal.methods.flow;

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
 * The {@code flow} kind: T two-layer denoisers trained jointly on a two-mode Gaussian mixture in
 * dimension d, with a uniform or a time-dilated schedule (arXiv 2412.07972), or the exact Bayes
 * field sampled on the same grid. Its cost is field evaluations (optimizer steps × n × T); its
 * primary metric |p̂ − p|, since p̂ itself is neither better high nor low: closeness to p is what
 * the paper is about.
 */
public final class FlowKind implements TrainerKind {
    static final MetricSchema METRICS = new MetricSchema(
            new Metric("p_hat_error", "|p-hat - p|", Unit.NUMBER, false),
            null,
            List.of(new Metric("p_hat", "p-hat", Unit.FRACTION, true),
                    new Metric("p_hat_ci95_low", "p-hat 95% low", Unit.FRACTION, true),
                    new Metric("p_hat_ci95_high", "p-hat 95% high", Unit.FRACTION, true),
                    new Metric("within_mode_variance", "within-mode variance", Unit.NUMBER, false)),
            "field evaluations (steps x n x T; exact-field runs: samples x T)", "evaluation points",
            resultDetails());

    private static List<String> resultDetails() {
        List<String> out = new java.util.ArrayList<>(List.of("p", "dimension", "field", "training_mode_fraction", "loss", "steps"));
        out.addAll(FlowSummary.KEYS); // the claims' numbers, where the run gives them
        return out;
    }

    @Override
    public String name() {
        return "flow";
    }

    @Override
    public Set<String> keys() {
        return FlowRunConfig.KEYS;
    }

    @Override
    public void check(ConfigReader config) {
        FlowRunConfig.check(config);
    }

    @Override
    public Set<String> datasets() {
        return FlowRunConfig.datasets();
    }

    /** A phase-aware run takes its grid window from the U-turn of another flow run. */
    @Override
    public Map<String, String> inputs() {
        return Map.of(FlowRunConfig.UTURN_ROLE, "flow");
    }

    @Override
    public PlannedCost plannedCost(JsonNode config) {
        FlowRunConfig c = FlowRunConfig.parse(config);
        FlowSettings s = c.settings();
        ObjectNode details = Json.object();
        details.put("dimension", s.dimension()).put("points", s.points()).put("grid_size", s.gridSize()).put("steps", c.exact() ? 0 : s.steps());
        long planned = c.plannedCost();
        // the same budget with or without dilation or a phase-aware grid: no saving is claimed
        return new PlannedCost(details, planned, planned);
    }

    @Override
    public MetricSchema metrics() {
        return METRICS;
    }

    @Override
    public long progressPoints(JsonNode config) {
        FlowRunConfig c = FlowRunConfig.parse(config);
        if (c.exact()) return 0;
        long steps = c.settings().steps();
        long every = c.settings().evalEvery();
        return steps / every + (steps % every == 0 ? 0 : 1);
    }

    /**
     * The tensors live in libtorch's native memory; the heap holds the training set (n·d doubles),
     * checkpoint copies of parameters and Adam moments (6·T·d floats, twice while writing) and the
     * sample statistics: 256 MiB of headroom on top.
     */
    @Override
    public OptionalLong heapMiB(JsonNode config) {
        FlowSettings s = FlowRunConfig.parse(config).settings();
        long bytes = 8L * s.points() * s.dimension() + 2L * 6 * 4 * s.gridSize() * (long) s.dimension() + 64L * s.dimension();
        return OptionalLong.of(256 + bytes / (1 << 20));
    }

    @Override
    public List<KindTable> tables(List<KindRun> runs) {
        return FlowTables.of(runs);
    }

    /** The library result's flag saying whether training continued from a checkpoint. */
    @Override
    public Set<String> circumstanceKeys() {
        return Set.of("resumed");
    }

    @Override
    public List<KindPlot> plots(List<KindRun> runs) {
        return FlowPlots.of(runs);
    }

    @Override
    public Trainer trainer() {
        return new FlowRunTrainer();
    }
}
