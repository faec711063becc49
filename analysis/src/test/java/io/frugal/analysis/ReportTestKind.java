package io.frugal.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import io.frugal.core.config.ConfigReader;
import io.frugal.core.kind.KindPlot;
import io.frugal.core.kind.KindRun;
import io.frugal.core.kind.KindTable;
import io.frugal.core.kind.MetricSchema;
import io.frugal.core.kind.MetricSchema.Metric;
import io.frugal.core.kind.PlannedCost;
import io.frugal.core.kind.Trainer;
import io.frugal.core.kind.TrainerKind;
import io.frugal.core.store.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A second trainer kind for report tests only (registered in the test resources): its metric is
 * a plain number without a best companion, its cost another unit, and it adds a table and a plot
 * of its own, so tests can check that tables, headings and kind sections come from the kind and
 * not from the classifier. It never trains: report tests read stores written by hand.
 */
public final class ReportTestKind implements TrainerKind {
    public static final String NAME = "report-test-flow";
    static final MetricSchema METRICS = new MetricSchema(new Metric("p_hat", "p̂", MetricSchema.Unit.NUMBER, true), null,
            List.of(), "flow steps", "evaluations", List.of());

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> keys() {
        return Set.of();
    }

    @Override
    public void check(ConfigReader config) {}

    @Override
    public Set<String> datasets() {
        return Set.of("synthetic");
    }

    @Override
    public PlannedCost plannedCost(JsonNode config) {
        return new PlannedCost(Json.object(), 1, 1);
    }

    @Override
    public MetricSchema metrics() {
        return METRICS;
    }

    @Override
    public long progressPoints(JsonNode config) {
        return 0;
    }

    @Override
    public OptionalLong heapMiB(JsonNode config) {
        return OptionalLong.empty();
    }

    @Override
    public List<KindTable> tables(List<KindRun> runs) {
        List<List<String>> rows = new ArrayList<>();
        List<List<Double>> numbers = new ArrayList<>();
        for (KindRun r : runs) {
            double p = r.result().metric("p_hat");
            rows.add(List.of(r.planned().id(), Long.toString(r.planned().seed()), String.format(java.util.Locale.ROOT, "%.3f", p)));
            numbers.add(List.of(Double.NaN, (double) r.planned().seed(), p));
        }
        return List.of(new KindTable("p-hat-by-seed", "p̂ by seed", List.of("run", "seed", "p̂"), rows, numbers,
                List.of("p̂: the estimated probability, one row per done run.")));
    }

    @Override
    public List<KindPlot> plots(List<KindRun> runs) {
        List<KindPlot.Point> points = runs.stream()
                .map(r -> KindPlot.Point.of(r.planned().seed(), r.result().metric("p_hat"))).toList();
        return List.of(new KindPlot("p-hat-vs-seed", "p̂ against seed", "seed", "p̂", false,
                List.of(new KindPlot.Series("runs", points, KindPlot.Style.POINTS)),
                List.of(new KindPlot.ReferenceLine("p", KindPlot.Axis.Y, 0.25)), List.of("The line is the target p.")));
    }

    @Override
    public Trainer trainer() {
        throw new UnsupportedOperationException("report tests only read stores");
    }
}
