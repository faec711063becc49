package io.frugal.analysis.plot;

import io.frugal.analysis.stats.Summary;
import io.frugal.analysis.table.CellRow;
import io.frugal.analysis.table.ResultTable;
import io.frugal.core.kind.KindPlot;
import io.frugal.core.kind.KindPlot.Point;
import io.frugal.core.kind.KindPlot.Series;
import io.frugal.core.kind.KindPlot.Style;
import io.frugal.core.kind.LearningCurve;
import io.frugal.core.kind.MetricSchema;
import io.frugal.core.kind.TrainerKinds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The plots every kind gets from its generic table, one of each per dataset: the primary metric
 * against cost (evaluations) and training seconds against cost, each experiment a series whose
 * points are its cells (mean ± sd over done runs), and the learning curves of the kind's
 * metrics.jsonl, one series per cell (mean ± sd over the seeds that reached each point).
 * Fractions are drawn as percentages. Plots with no point to draw are left out.
 */
public final class GenericPlots {
    private GenericPlots() {}

    /** {@code curves}: the store's learning curves, read with its snapshot (see {@link LearningCurves}). */
    public static List<KindPlot> of(List<ResultTable> tables, LearningCurves curves) {
        List<KindPlot> out = new ArrayList<>();
        for (ResultTable table : tables) {
            MetricSchema schema = table.metrics();
            for (String dataset : datasets(table)) {
                List<CellRow> rows = table.rows().stream().filter(r -> r.key().dataset().equals(dataset)).toList();
                String suffix = slug(table.kind() + "-" + dataset);
                add(out, new KindPlot(suffix + "-metric-vs-cost", schema.primary().label() + " against " + schema.costUnit()
                        + " (" + dataset + ")", schema.costUnit(), axisLabel(schema.primary()), false,
                        byExperiment(rows, r -> scale(schema.primary(), r.finalTop1())), List.of(),
                        List.of("Each point is a cell: mean ± sd over its done runs; each experiment is one series.")));
                add(out, new KindPlot(suffix + "-runtime-vs-cost", "training seconds against " + schema.costUnit()
                        + " (" + dataset + ")", schema.costUnit(), "training seconds", false,
                        byExperiment(rows, r -> r.trainSeconds()), List.of(),
                        List.of("Each point is a cell: mean ± sd of its done runs' training seconds.")));
                TrainerKinds.get(table.kind()).learningCurve()
                        .ifPresent(c -> add(out, learningCurves(curves, table.kind(), rows, c, suffix, dataset)));
            }
        }
        return out;
    }

    private static void add(List<KindPlot> out, KindPlot plot) {
        if (plot.series().stream().anyMatch(s -> !s.points().isEmpty())) out.add(plot);
    }

    private interface Stat {
        Summary of(CellRow row);
    }

    /** One series per experiment, its cells ordered by cost; cells without a done run are left out. */
    private static List<Series> byExperiment(List<CellRow> rows, Stat stat) {
        Map<String, List<Point>> series = new LinkedHashMap<>();
        for (CellRow r : rows) {
            Summary s = stat.of(r);
            List<Point> points = series.computeIfAbsent(r.key().experiment(), k -> new ArrayList<>());
            if (r.done() == 0 || Double.isNaN(s.mean()) || Double.isNaN(r.evaluations())) continue;
            points.add(new Point(r.evaluations(), s.mean(), s.sd()));
        }
        List<Series> out = new ArrayList<>();
        series.forEach((name, points) -> {
            List<Point> sorted = new ArrayList<>(points);
            sorted.sort((a, b) -> Double.compare(a.x(), b.x()));
            out.add(new Series(name, sorted, Style.LINE));
        });
        return out;
    }

    private static KindPlot learningCurves(LearningCurves curves, String kind, List<CellRow> rows, LearningCurve curve,
            String suffix, String dataset) {
        double factor = curve.y().unit() == MetricSchema.Unit.FRACTION ? 100 : 1;
        List<Series> series = new ArrayList<>();
        for (CellRow row : rows) {
            LearningCurves.Curve cell = curves.of(kind, row.key());
            List<Point> points = new ArrayList<>();
            for (int i = 0; i < cell.length(); i++) {
                Summary y = cell.y(i, factor);
                points.add(new Point(cell.meanX(i), y.mean(), y.sd()));
            }
            String name = row.key().experiment() + (row.key().matrix().isEmpty() ? "" : " [" + row.key().matrixLabel() + "]");
            series.add(new Series(name, points, Style.LINE));
        }
        return new KindPlot(suffix + "-learning-curves", "learning curves: " + curve.y().label() + " against " + curve.xLabel()
                + " (" + dataset + ")", curve.xLabel(), axisLabel(curve.y()), false, series, List.of(),
                List.of("Each line is a cell: mean over its done runs at each point of metrics.jsonl, error bars ± sd over them."));
    }

    private static Summary scale(MetricSchema.Metric m, Summary s) {
        if (m.unit() != MetricSchema.Unit.FRACTION) return s;
        return new Summary(s.n(), s.mean() * 100, s.sd() * 100, s.se() * 100, s.ciLow() * 100, s.ciHigh() * 100);
    }

    private static String axisLabel(MetricSchema.Metric m) {
        return m.label() + (m.unit() == MetricSchema.Unit.FRACTION ? " (%)" : "");
    }

    private static List<String> datasets(ResultTable table) {
        return table.rows().stream().map(r -> r.key().dataset()).distinct().toList();
    }

    /** A file-name-safe id: lower case, runs of other characters as one '-'. */
    public static String slug(String s) {
        String out = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return out.isEmpty() ? "plot" : out;
    }
}
