package io.frugal.methods.rela;

import io.frugal.core.kind.KindPlot;
import io.frugal.core.kind.KindPlot.Axis;
import io.frugal.core.kind.KindPlot.Point;
import io.frugal.core.kind.KindPlot.ReferenceLine;
import io.frugal.core.kind.KindPlot.Series;
import io.frugal.core.kind.KindPlot.Style;
import io.frugal.core.kind.KindRun;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ReLA plot, one per dataset and student setting: linear-probe top-1 against the budget, one
 * line per prior, plain BYOL at the same budgets, and full-data BYOL as a marker at 100 % with a
 * dotted line across. Points are means over seeds (%), error bars ± sample sd. The same cells as
 * the ReLA table.
 */
final class ReLaPlot {
    static final String PLAIN = "plain BYOL (same budget)";
    static final String FULL = "full BYOL (100 %)";

    private ReLaPlot() {}

    static List<KindPlot> plots(List<KindRun> runs) {
        Map<String, Map<String, Map<Double, List<Double>>>> groups = new LinkedHashMap<>();
        ReLaTable.cells(runs).forEach((cell, cellRuns) -> {
            boolean plain = "none".equals(cell.prior());
            String series = plain ? (cell.budget() >= 1 ? FULL : PLAIN) : "ReLA, prior: " + cell.prior();
            List<Double> values = groups.computeIfAbsent(cell.dataset() + cell.setting(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(series, k -> new TreeMap<>()).computeIfAbsent(100 * cell.budget(), k -> new ArrayList<>());
            for (double v : ReLaTable.values(cellRuns, "probe_top1")) values.add(100 * v);
        });
        List<KindPlot> out = new ArrayList<>();
        groups.forEach((group, bySeries) -> {
            // a setting holding only full-budget plain BYOL (a prior trained for other runs) has no budget to compare
            if (bySeries.keySet().stream().allMatch(FULL::equals)) return;
            List<Series> series = new ArrayList<>();
            List<ReferenceLine> refs = new ArrayList<>();
            bySeries.forEach((name, byBudget) -> {
                List<Point> points = new ArrayList<>();
                byBudget.forEach((budget, v) -> points.add(point(budget, v)));
                series.add(new Series(name, points, FULL.equals(name) ? Style.POINTS : Style.LINE));
                if (FULL.equals(name) && !points.isEmpty()) refs.add(new ReferenceLine("full BYOL mean", Axis.Y, points.get(0).y()));
            });
            out.add(new KindPlot("probe-vs-budget-" + slug(group), "Probe top-1 against budget (" + group.strip() + ")",
                    "budget (% of the training set per epoch)", "probe top-1 (%)", false, series, refs, List.of(
                            "Each point: mean linear-probe top-1 of a cell's runs (per run the mean of its last 3 probe epochs), error bars ± sd over seeds.",
                            "Plain BYOL trains on the same seeded per-epoch subsets as ReLA at each budget; full BYOL uses all data every epoch.")));
        });
        return out;
    }

    private static Point point(double x, List<Double> v) {
        double[] a = v.stream().mapToDouble(Double::doubleValue).filter(Double::isFinite).toArray();
        if (a.length == 0) return new Point(x, Double.NaN, Double.NaN);
        double m = WelchInterval.mean(a);
        return new Point(x, m, a.length < 2 ? Double.NaN : Math.sqrt(WelchInterval.variance(a, m)));
    }

    private static String slug(String s) {
        String out = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return out.isEmpty() ? "all" : out;
    }
}
