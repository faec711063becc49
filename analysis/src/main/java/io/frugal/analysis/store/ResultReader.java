package io.frugal.analysis.store;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.frugal.core.config.ConfigProblem;
import io.frugal.core.config.ConfigReader;
import io.frugal.core.store.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads one run's result.json and failure.json. A damaged file must not stop the report, so
 * instead of throwing, a result comes back as either a {@link RunResult} or the reason it could
 * not be used.
 */
final class ResultReader {
    /** Exactly one of the two is set. */
    record Outcome(RunResult result, String problem) {}

    private ResultReader() {}

    static Outcome readResult(Path file, PlannedRun planned) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Outcome(null, "not valid JSON: " + describe(e));
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
        RunResult result = new RunResult(planned.id(),
                r.integer("epochs", planned.epochs(), false, 0, Long.MAX_VALUE),
                r.number("final_top1", Double.NaN, true, 0, false, 1),
                r.number("best_top1", Double.NaN, true, 0, false, 1),
                r.integer("best_epoch", 0, false, 0, Long.MAX_VALUE),
                r.integer("evaluations", 0, true, 0, Long.MAX_VALUE),
                r.integer("planned_evaluations", planned.plannedEvaluations(), false, 0, Long.MAX_VALUE),
                r.number("train_seconds", Double.NaN, true, 0, false, Double.MAX_VALUE),
                r.number("eval_seconds", 0, false, 0, false, Double.MAX_VALUE),
                r.number("wall_seconds", Double.NaN, true, 0, false, Double.MAX_VALUE),
                r.integer("resumes", 0, false, 0, Long.MAX_VALUE),
                r.string("finished_at", null, false));
        if (!problems.isEmpty()) {
            return new Outcome(null, problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("; ")));
        }
        return new Outcome(result, null);
    }

    /** The failure record, or null when there is none or it cannot be read (the state still says failed). */
    static RunFailure readFailure(Path file, String runId) {
        try {
            JsonNode f = Json.MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
            if (f == null || !f.isObject()) return new RunFailure(runId, null, "failure.json is not a JSON object", null, null);
            return new RunFailure(runId,
                    f.path("exit_code").isIntegralNumber() ? f.get("exit_code").intValue() : null,
                    text(f, "message"), text(f, "log"), text(f, "at"));
        } catch (IOException e) {
            return new RunFailure(runId, null, "failure.json unreadable: " + describe(e), null, null);
        }
    }

    private static void expect(ConfigReader r, String field, String planned) {
        String got = r.string(field, null, false);
        if (got != null && !got.equals(planned)) {
            r.problem(field, "is \"" + got + "\" but the plan says \"" + planned + "\"");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** Jackson's message without its source dump, plus where in the file it stopped. */
    static String describe(IOException e) {
        if (e instanceof JsonProcessingException j) {
            JsonLocation at = j.getLocation();
            // Jackson names the source as "[Source: REDACTED (...); line: 1, column: 1]": keep only the place.
            String message = j.getOriginalMessage().replaceAll("\\[Source: [^\\]]*?; line", "[line");
            return message + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
        }
        return String.valueOf(e.getMessage());
    }
}
