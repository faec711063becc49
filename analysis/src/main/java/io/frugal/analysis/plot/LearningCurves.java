package io.frugal.analysis.plot;

import com.fasterxml.jackson.databind.JsonNode;
import io.frugal.analysis.store.ExtraRunReader;
import io.frugal.analysis.store.RunRecord;
import io.frugal.analysis.stats.Summary;
import io.frugal.analysis.table.CellKey;
import io.frugal.core.kind.LearningCurve;
import io.frugal.core.kind.TrainerKinds;
import io.frugal.core.store.Json;
import io.frugal.core.store.RunDirectory;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The learning curves of a store, aggregated per cell as the store is read: each done run's
 * metrics.jsonl is read line by line on the reader's threads into its (x, y) points, and folded
 * into its cell's curve in plan order. Per point of a cell it keeps the running mean of x (summed
 * as {@link Summary} sums, from the first run's value, so the same bits) and the y values, two
 * numbers per run and point rather than the lines: the sd over seeds is a second pass over them.
 */
public final class LearningCurves implements ExtraRunReader<double[]> {
    private static final double[] NONE = new double[0];
    private final Map<String, Optional<LearningCurve>> curveOfKind = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Map<CellKey, Curve>> byKind = new HashMap<>();

    /** The curve of one cell: point i is line i of every done run that reached it. */
    static final class Curve {
        private final List<Point> points = new ArrayList<>();

        private void add(double[] xy) {
            for (int i = 0; i < xy.length / 2; i++) {
                if (points.size() == i) points.add(new Point());
                points.get(i).add(xy[2 * i], xy[2 * i + 1]);
            }
        }

        int length() {
            return points.size();
        }

        /** The mean of the x values at point i, as {@code Summary.of(xs).mean()} computes it. */
        double meanX(int i) {
            Point p = points.get(i);
            return p.xShift + p.xSum / p.n;
        }

        /** The y values at point i, each times {@code factor} (100 draws a fraction as a percentage). */
        Summary y(int i, double factor) {
            Point p = points.get(i);
            double[] ys = new double[p.n];
            for (int k = 0; k < p.n; k++) ys[k] = p.ys[k] * factor;
            return Summary.of(ys);
        }
    }

    private static final class Point {
        private int n;
        private double xShift;
        private double xSum;
        private double[] ys = new double[4];

        private void add(double x, double y) {
            if (n == 0) xShift = x;
            xSum += x - xShift;
            if (n == ys.length) ys = Arrays.copyOf(ys, 2 * n);
            ys[n++] = y;
        }
    }

    @Override
    public double[] read(RunRecord record, RunDirectory dir) {
        if (!record.isDone()) return NONE;
        Optional<LearningCurve> curve = curve(record);
        return curve.isEmpty() ? NONE : points(dir, curve.get());
    }

    @Override
    public void fold(RunRecord record, double[] xy) {
        if (!record.isDone() || curve(record).isEmpty()) return;
        CellKey key = new CellKey(record.planned().dataset(), record.planned().experiment(), record.planned().matrixLabels());
        byKind.computeIfAbsent(kind(record), k -> new HashMap<>()).computeIfAbsent(key, k -> new Curve()).add(xy);
    }

    /** The cell's curve; an empty one when none of its runs is done or the kind draws none. */
    Curve of(String kind, CellKey cell) {
        return byKind.getOrDefault(kind, Map.of()).getOrDefault(cell, new Curve());
    }

    private Optional<LearningCurve> curve(RunRecord record) {
        return curveOfKind.computeIfAbsent(kind(record), k -> TrainerKinds.get(k).learningCurve());
    }

    private static String kind(RunRecord record) {
        return TrainerKinds.of(record.planned().config()).name();
    }

    /**
     * A done run's (x, y) points in line order, flattened. Blank lines are skipped; the first line
     * that is not a JSON object with both keys as numbers ends the curve there (a torn last line, a
     * damaged one, a point that lacks the metric): the result.json is what the tables count, not
     * this file. A file that cannot be read gives no points.
     */
    private static double[] points(RunDirectory dir, LearningCurve curve) {
        if (!Files.isRegularFile(dir.metrics())) return NONE;
        double[] out = new double[32];
        int n = 0;
        try (BufferedReader in = Files.newBufferedReader(dir.metrics(), StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank()) continue;
                JsonNode p;
                try {
                    p = Json.MAPPER.readTree(line);
                } catch (IOException e) {
                    break;
                }
                if (p == null || !p.isObject() || !p.path(curve.xKey()).isNumber() || !p.path(curve.yKey()).isNumber()) break;
                if (n + 2 > out.length) out = Arrays.copyOf(out, 2 * out.length);
                out[n++] = p.get(curve.xKey()).doubleValue();
                out[n++] = p.get(curve.yKey()).doubleValue();
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            return NONE;
        }
        return Arrays.copyOf(out, n);
    }
}
