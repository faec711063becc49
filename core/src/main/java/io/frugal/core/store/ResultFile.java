package io.frugal.core.store;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frugal.core.config.ConfigProblem;
import io.frugal.core.config.ConfigReader;
import io.frugal.core.kind.CommonConfig;
import io.frugal.core.kind.MetricSchema;
import io.frugal.core.kind.MetricSchema.Metric;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code result.json}, and its only reader and writer. The trainer writes it last and atomically:
 * its presence means the run is done. Reading checks it against the plan and the kind's metric
 * schema; a damaged file must not stop a report, so instead of throwing, a read comes back as
 * either a {@link RunResult} or the reason it cannot be used.
 */
public final class ResultFile {
    /** Exactly one of the two is set. */
    public record Outcome(RunResult result, String problem) {}

    // A key written twice would otherwise silently take its last value.
    private static final ObjectMapper STRICT = Json.MAPPER.copy().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private ResultFile() {}

    /**
     * Writes result.json atomically (the trainer's last write of a run), with the compute threads
     * the run trained with (its config's, which fix its numbers on a CPU) beside its metrics.
     */
    public static void write(RunDirectory run, ObjectNode result) {
        if (!result.has(CommonConfig.THREADS) && Files.isRegularFile(run.config())) {
            result.put(CommonConfig.THREADS, CommonConfig.threads(Json.read(run.config())));
        }
        Json.writeAtomically(run.result(), result);
    }

    public static Outcome read(RunDirectory run, PlannedRun planned, MetricSchema schema) {
        String text;
        try {
            text = Files.readString(run.result(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return new Outcome(null, "not valid JSON: " + Json.describe(e));
        }
        return parse(text, planned, schema);
    }

    /**
     * As {@link #read}, or null when the run has no result.json, which is to say it is not done
     * ({@link RunDirectory#isDone()}). One open instead of a stat and an open: a reader of 10^5
     * runs saves 10^5 file-system calls. The schema is asked for only when there is a result to
     * check (a run of a kind this build does not know is no problem until it has one).
     */
    public static Outcome readIfPresent(RunDirectory run, PlannedRun planned, java.util.function.Supplier<MetricSchema> schema) {
        String text;
        try {
            text = Files.readString(run.result(), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            // something there that cannot be read as a file (a folder, say) is no result, as isDone says
            if (!run.isDone()) return null;
            return new Outcome(null, "not valid JSON: " + Json.describe(e));
        }
        return parse(text, planned, schema.get());
    }

    private static Outcome parse(String text, PlannedRun planned, MetricSchema schema) {
        JsonNode root;
        try {
            root = STRICT.readTree(text);
        } catch (IOException e) {
            return new Outcome(null, "not valid JSON: " + Json.describe(e));
        }
        if (root == null || !root.isObject()) return new Outcome(null, "must be a JSON object");
        List<ConfigProblem> problems = new ArrayList<>();
        ConfigReader r = ConfigReader.root(root, problems);
        String status = r.string("status", null, true);
        if (status != null && !status.equals("done")) r.problem("status", "must be \"done\", got \"" + status + "\"");
        expect(r, "run_id", planned.id());
        expect(r, "experiment", planned.experiment());
        expect(r, "dataset", planned.dataset());
        if (r.has("seed") && r.node().get("seed").asLong() != planned.seed()) {
            r.problem("seed", "is " + r.node().get("seed").asText() + " but the plan says " + planned.seed());
        }
        if (r.has(CommonConfig.THREADS)) {
            long plannedThreads = CommonConfig.threads(planned.config());
            long threads = r.integer(CommonConfig.THREADS, plannedThreads, false, 1, CommonConfig.MAX_THREADS);
            if (problems.isEmpty() && threads != plannedThreads) {
                r.problem(CommonConfig.THREADS, "is " + threads + " but the plan says " + plannedThreads);
            }
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (Metric m : schema.all()) {
            double hi = m.unit() == MetricSchema.Unit.FRACTION ? 1 : Double.MAX_VALUE;
            double lo = m.unit() == MetricSchema.Unit.FRACTION ? 0 : -Double.MAX_VALUE;
            metrics.put(m.key(), r.number(m.key(), Double.NaN, true, lo, false, hi));
        }
        if (schema.best() != null && problems.isEmpty()) {
            double primary = metrics.get(schema.primary().key());
            double best = metrics.get(schema.best().key());
            boolean worse = schema.primary().higherIsBetter() ? best < primary : best > primary;
            if (worse) r.problem(schema.best().key(), "is " + best + ", worse than the final " + schema.primary().key() + " " + primary);
        }
        RunResult result = new RunResult(planned.id(), metrics,
                r.integer("evaluations", 0, true, 0, Long.MAX_VALUE),
                r.integer("planned_evaluations", planned.plannedEvaluations(), false, 0, Long.MAX_VALUE),
                r.number("train_seconds", Double.NaN, true, 0, false, Double.MAX_VALUE),
                r.number("eval_seconds", 0, false, 0, false, Double.MAX_VALUE),
                r.number("wall_seconds", Double.NaN, true, 0, false, Double.MAX_VALUE),
                r.integer("resumes", 0, false, 0, Long.MAX_VALUE),
                r.string("finished_at", null, false), root);
        if (!problems.isEmpty()) {
            return new Outcome(null, problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("; ")));
        }
        return new Outcome(result, null);
    }

    private static void expect(ConfigReader r, String field, String planned) {
        String got = r.string(field, null, false);
        if (got != null && !got.equals(planned)) r.problem(field, "is \"" + got + "\" but the plan says \"" + planned + "\"");
    }
}
