package io.frugal.analysis.store;

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
 * Reads a run's slurm.json. Like a damaged result.json, a damaged accounting file must not stop
 * the report: it comes back as the reason it cannot be used, and the run counts as done without
 * accounting.
 */
final class AccountingReader {
    /** Exactly one of the two is set. */
    record Outcome(ClusterAccounting accounting, String problem) {}

    private AccountingReader() {}

    static Outcome read(Path file) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Outcome(null, "not valid JSON: " + Json.describe(e));
        }
        if (root == null || !root.isObject()) return new Outcome(null, "must be a JSON object");
        List<ConfigProblem> problems = new ArrayList<>();
        ConfigReader r = ConfigReader.root(root, problems);
        ClusterAccounting a = new ClusterAccounting(
                r.string("job_id", null, true),
                r.integer("restarts", 0, true, 0, Long.MAX_VALUE),
                r.integer("elapsed_final_seconds", 0, true, 0, Long.MAX_VALUE),
                r.integer("elapsed_total_seconds", 0, true, 0, Long.MAX_VALUE),
                // -1: the harness writes it when sacct had no start time for the first attempt
                r.integer("queue_wait_seconds", -1, true, -1, Long.MAX_VALUE));
        if (problems.isEmpty() && a.elapsedTotalSeconds() < a.elapsedFinalSeconds()) {
            r.problem("elapsed_total_seconds", "is " + a.elapsedTotalSeconds() + ", less than the final attempt's "
                    + a.elapsedFinalSeconds());
        }
        if (!problems.isEmpty()) {
            return new Outcome(null, problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("; ")));
        }
        return new Outcome(a, null);
    }
}
