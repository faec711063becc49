package io.frugal.reproducibility.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.frugal.core.store.Json;
import io.frugal.core.store.MetricsFile;
import io.frugal.core.store.RunDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Compares what two trainings of the same config computed: metrics.jsonl point by point and
 * result.json, every field except clock readings (keys ending in "seconds" or "_at", and
 * "resumes"). Numbers must be bitwise equal (CPU) or within an absolute tolerance (GPU); the
 * largest difference met is reported either way.
 */
public final class RunComparison {
    private static final Pattern CLOCK = Pattern.compile(".*seconds$|.*_at$|^resumes$");

    /** {@code differences} lists what differs beyond the tolerance (empty: the runs agree). */
    public record Outcome(boolean equal, double largestDifference, String largestAt, List<String> differences, int fieldsCompared) {}

    private final double tolerance;
    private final List<String> differences = new ArrayList<>();
    private double largest;
    private String largestAt = "-";
    private int fields;

    private RunComparison(double tolerance) {
        this.tolerance = tolerance;
    }

    /** {@code tolerance} 0 asks for bitwise equality. */
    public static Outcome compare(RunDirectory expected, RunDirectory actual, double tolerance) {
        RunComparison c = new RunComparison(tolerance);
        List<String> a = MetricsFile.lines(expected.metrics());
        List<String> b = MetricsFile.lines(actual.metrics());
        if (a.size() != b.size()) c.differences.add("metrics.jsonl: " + a.size() + " points vs " + b.size());
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            c.node("metrics.jsonl line " + (i + 1), parse(a.get(i)), parse(b.get(i)));
        }
        if (Files.isRegularFile(expected.result()) && Files.isRegularFile(actual.result())) {
            c.node("result.json", Json.read(expected.result()), Json.read(actual.result()));
        } else {
            c.differences.add("result.json: " + (Files.isRegularFile(expected.result()) ? "missing in the re-run" : "missing in the original"));
        }
        return new Outcome(c.differences.isEmpty(), c.largest, c.largestAt, List.copyOf(c.differences), c.fields);
    }

    private static JsonNode parse(String line) {
        try {
            return Json.MAPPER.readTree(line);
        } catch (IOException e) {
            return Json.MAPPER.getNodeFactory().textNode(line);
        }
    }

    private void node(String at, JsonNode x, JsonNode y) {
        if (x.isObject() && y.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = x.fields();
            while (it.hasNext()) {
                var e = it.next();
                if (CLOCK.matcher(e.getKey()).matches()) continue;
                JsonNode other = y.get(e.getKey());
                if (other == null) differences.add(at + ": " + e.getKey() + " missing in the re-run");
                else node(at + " " + e.getKey(), e.getValue(), other);
            }
            y.fieldNames().forEachRemaining(k -> {
                if (!x.has(k) && !CLOCK.matcher(k).matches()) differences.add(at + ": " + k + " only in the re-run");
            });
        } else if (x.isArray() && y.isArray()) {
            if (x.size() != y.size()) differences.add(at + ": " + x.size() + " items vs " + y.size());
            for (int i = 0; i < Math.min(x.size(), y.size()); i++) node(at + "[" + i + "]", x.get(i), y.get(i));
        } else if (x.isNumber() && y.isNumber()) {
            fields++;
            double dx = x.doubleValue();
            double dy = y.doubleValue();
            double diff = Math.abs(dx - dy);
            boolean same = Double.compare(dx, dy) == 0;
            if (!same && (diff > largest || Double.isNaN(diff))) {
                largest = Double.isNaN(diff) ? Double.POSITIVE_INFINITY : diff;
                largestAt = at;
            }
            if (!same && !(tolerance > 0 && diff <= tolerance)) differences.add(at + ": " + dx + " vs " + dy);
        } else {
            fields++;
            if (!x.equals(y)) differences.add(at + ": " + Json.compact(x) + " vs " + Json.compact(y));
        }
    }
}
