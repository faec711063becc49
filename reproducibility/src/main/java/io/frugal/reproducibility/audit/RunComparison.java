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
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Compares what two trainings of the same config computed: metrics.jsonl point by point and
 * result.json, every field except clock readings (keys ending in "seconds" or "_at"), "resumes"
 * and the kind's circumstance keys (how the run happened, e.g. a cache hit: see
 * {@link io.frugal.core.kind.TrainerKind#circumstanceKeys()}). Numbers must be bitwise equal (CPU)
 * or within an absolute tolerance (GPU); the largest difference met is reported either way.
 */
public final class RunComparison {
    private static final Pattern CLOCK = Pattern.compile(".*seconds$|.*_at$|^resumes$");

    /**
     * {@code differences} lists what differs beyond {@code tolerance} (empty: the runs agree);
     * {@code tolerance} 0 means the comparison was bitwise.
     */
    public record Outcome(boolean equal, double tolerance, double largestDifference, String largestAt, List<String> differences,
                          int fieldsCompared) {
        /** How the numbers were compared, in words: "bitwise" or "within 0.0001". */
        public String mode() {
            return tolerance > 0 ? "within " + tolerance : "bitwise";
        }
    }

    private final double tolerance;
    private final Set<String> circumstances;
    private final List<String> differences = new ArrayList<>();
    private double largest;
    private String largestAt = "-";
    private int fields;

    private RunComparison(double tolerance, Set<String> circumstances) {
        this.tolerance = tolerance;
        this.circumstances = Set.copyOf(circumstances);
    }

    /**
     * {@code tolerance} 0 asks for bitwise equality; keys named in {@code circumstances} are not
     * compared at any depth.
     */
    public static Outcome compare(RunDirectory expected, RunDirectory actual, double tolerance, Set<String> circumstances) {
        if (!(tolerance >= 0)) throw new IllegalArgumentException("tolerance must be >= 0, got " + tolerance);
        RunComparison c = new RunComparison(tolerance, circumstances);
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
        return new Outcome(c.differences.isEmpty(), tolerance, c.largest, c.largestAt, List.copyOf(c.differences), c.fields);
    }

    private static JsonNode parse(String line) {
        try {
            return Json.MAPPER.readTree(line);
        } catch (IOException e) {
            return Json.MAPPER.getNodeFactory().textNode(line);
        }
    }

    private boolean skipped(String key) {
        return CLOCK.matcher(key).matches() || circumstances.contains(key);
    }

    private void node(String at, JsonNode x, JsonNode y) {
        if (x.isObject() && y.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = x.fields();
            while (it.hasNext()) {
                var e = it.next();
                if (skipped(e.getKey())) continue;
                JsonNode other = y.get(e.getKey());
                if (other == null) differences.add(at + ": " + e.getKey() + " missing in the re-run");
                else node(at + " " + e.getKey(), e.getValue(), other);
            }
            y.fieldNames().forEachRemaining(k -> {
                if (!x.has(k) && !skipped(k)) differences.add(at + ": " + k + " only in the re-run");
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
