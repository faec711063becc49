package io.frugal.methods.rela;

import com.fasterxml.jackson.databind.JsonNode;
import io.frugal.core.kind.KindRun;
import io.frugal.core.kind.KindTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The ReLA table: per (dataset, budget, experiment) the linear-probe top-1 over seeds (mean ± sd), plain
 * BYOL at the same dataset, classes, backbone and budget beside it, full-budget BYOL, the difference
 * to plain BYOL with its Welch 95% interval, the mean hand-over step, images processed and time.
 */
final class ReLaTable {
    private ReLaTable() {}

    record Cell(String dataset, String setting, double budget, String experiment, String prior) {}

    /** The done runs by cell (dataset and setting, budget, experiment, prior), in plan order. */
    static Map<Cell, List<KindRun>> cells(List<KindRun> runs) {
        Map<String, String> experimentOf = new LinkedHashMap<>();
        for (KindRun r : runs) experimentOf.put(r.planned().id(), r.planned().experiment());
        Map<Cell, List<KindRun>> cells = new LinkedHashMap<>();
        for (KindRun r : runs) {
            JsonNode c = r.planned().config();
            String prior = c.path("rela").path("prior").asText("none");
            if ("input".equals(prior)) {
                String id = c.path("inputs").path(ByolConfig.PRIOR_ROLE).asText();
                prior = "run of " + experimentOf.getOrDefault(id, id);
            } else if ("file".equals(prior)) {
                prior = "file " + java.nio.file.Path.of(c.path("rela").path("prior_file").asText()).getFileName();
            }
            cells.computeIfAbsent(new Cell(r.planned().dataset(), setting(c), c.path("budget").asDouble(1.0), r.planned().experiment(), prior),
                    k -> new ArrayList<>()).add(r);
        }
        return cells;
    }

    static List<KindTable> tables(List<KindRun> runs) {
        if (runs.isEmpty()) return List.of();
        Map<Cell, List<KindRun>> cells = cells(runs);
        List<String> columns = List.of("dataset", "budget", "experiment", "prior", "seeds", "probe top-1", "plain BYOL (same budget)",
                "Δ vs plain [95% CI]", "full BYOL", "hand-over step", "images processed", "time (s)");
        List<List<String>> rows = new ArrayList<>();
        List<List<Double>> numbers = new ArrayList<>();
        for (Map.Entry<Cell, List<KindRun>> e : cells.entrySet()) {
            Cell cell = e.getKey();
            double[] acc = values(e.getValue(), "probe_top1");
            double[] plain = plainValues(cells, cell, cell.budget());
            double[] full = plainValues(cells, cell, 1.0);
            boolean isPlain = "none".equals(cell.prior());
            WelchInterval.Interval d = isPlain ? null : WelchInterval.of(acc, plain, 0.95);
            double handover = WelchInterval.mean(values(e.getValue(), "handover_step"));
            double images = WelchInterval.mean(values(e.getValue(), "images_processed"));
            double time = WelchInterval.mean(values(e.getValue(), "wall_seconds"));
            rows.add(List.of(cell.dataset() + cell.setting(), pct(cell.budget()), cell.experiment(), cell.prior(),
                    Integer.toString(acc.length), meanSd(acc), isPlain ? "—" : meanSd(plain),
                    d == null ? (isPlain || plain.length == 0 ? "—" : fmt(100 * (WelchInterval.mean(acc) - WelchInterval.mean(plain))) + " [n/a]")
                            : String.format(Locale.ROOT, "%+.2f [%+.2f, %+.2f]", 100 * d.difference(), 100 * d.low(), 100 * d.high()),
                    meanSd(full), String.format(Locale.ROOT, "%.0f", handover), String.format(Locale.ROOT, "%.0f", images),
                    String.format(Locale.ROOT, "%.1f", time)));
            numbers.add(List.of(Double.NaN, cell.budget(), Double.NaN, Double.NaN, (double) acc.length, mean(acc),
                    isPlain ? Double.NaN : mean(plain), d == null ? Double.NaN : d.difference(), mean(full), handover, images, time));
        }
        return List.of(new KindTable("rela", "ReLA-aided BYOL: linear-probe top-1 by budget and prior", columns, rows, numbers, List.of(
                "probe top-1: per run the mean of the last 3 linear-probe epochs' test top-1 (frozen, un-augmented features); "
                        + "shown as mean ± sd over seeds, in %.",
                "plain BYOL: the runs without a prior at the same dataset, classes, backbone and budget (the same seeded "
                        + "per-epoch subsets); full BYOL: the same at budget 100%.",
                "Δ vs plain: difference of means in points with a Welch 95% interval (unequal variances); n/a with fewer than 2 seeds a side.",
                "hand-over step: optimiser steps in ReLA's phase (0 for plain BYOL); images processed: views through the online network; "
                        + "time: wall seconds per run (mean), target building and probe included.")));
    }

    static String setting(JsonNode c) {
        StringBuilder s = new StringBuilder();
        if (c.path("classes").isArray()) s.append(" classes ").append(c.path("classes").toString().replace(",", " "));
        s.append(" ").append(c.path("backbone").path("name").asText("small-cnn"));
        if (c.path("backbone").has("width")) s.append(" w").append(c.path("backbone").path("width").asText());
        return s.toString();
    }

    static double[] plainValues(Map<Cell, List<KindRun>> cells, Cell like, double budget) {
        List<Double> v = new ArrayList<>();
        cells.forEach((c, runs) -> {
            if ("none".equals(c.prior()) && c.dataset().equals(like.dataset()) && c.setting().equals(like.setting())
                    && Math.abs(c.budget() - budget) < 1e-12) {
                for (double x : values(runs, "probe_top1")) v.add(x);
            }
        });
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static double[] values(List<KindRun> runs, String key) {
        return runs.stream().mapToDouble(r -> r.result().raw().path(key).asDouble(Double.NaN)).toArray();
    }

    private static double mean(double[] x) {
        return x.length == 0 ? Double.NaN : WelchInterval.mean(x);
    }

    private static String meanSd(double[] x) {
        if (x.length == 0) return "—";
        double m = WelchInterval.mean(x);
        if (x.length == 1) return String.format(Locale.ROOT, "%.2f", 100 * m);
        return String.format(Locale.ROOT, "%.2f ± %.2f", 100 * m, 100 * Math.sqrt(WelchInterval.variance(x, m)));
    }

    private static String pct(double b) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * b);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%+.2f", v);
    }
}
