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
 * Reads a run's failure.json for the report (written by {@link io.frugal.core.store.FailureFile}):
 * an unreadable one still says the run failed, with why it cannot be read.
 */
final class ResultReader {
    private ResultReader() {}

    /** The failure record, or null when there is none or it cannot be read (the state still says failed). */
    static RunFailure readFailure(Path file, String runId) {
        try {
            JsonNode f = Json.MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
            if (f == null || !f.isObject()) return new RunFailure(runId, null, "failure.json is not a JSON object", null, null);
            return new RunFailure(runId,
                    f.path("exit_code").isIntegralNumber() ? f.get("exit_code").intValue() : null,
                    text(f, "message"), text(f, "log"), text(f, "at"));
        } catch (IOException e) {
            return new RunFailure(runId, null, "failure.json unreadable: " + Json.describe(e), null, null);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
