package io.frugal.core.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.time.Instant;

/**
 * {@code failure.json}: why the last attempt of a run did not finish, and its only reader and
 * writer. A run with a failure record and no result.json is "failed"; running it again retries
 * it (from its checkpoint, if any), and a later success removes the record.
 */
public final class FailureFile {
    private FailureFile() {}

    public static void record(RunDirectory run, int exitCode, String message, String jobId) {
        ObjectNode f = Json.object();
        f.put("run_id", run.runId());
        f.put("exit_code", exitCode);
        f.put("message", message);
        f.put("log", run.log().toString());
        if (jobId != null) f.put("job_id", jobId);
        f.put("at", Instant.now().toString());
        Json.writeAtomically(run.failure(), f);
    }

    public static JsonNode read(RunDirectory run) {
        if (!Files.isRegularFile(run.failure())) return null;
        try {
            return Json.read(run.failure());
        } catch (RuntimeException e) {
            return Json.object().put("message", "unreadable failure.json: " + e.getMessage());
        }
    }

    /** The failure record if it was written at or after {@code sinceMillis} (by this attempt), else null. */
    public static JsonNode writtenSince(RunDirectory run, long sinceMillis) {
        try {
            if (!Files.isRegularFile(run.failure())) return null;
            // file times may be coarser than the clock: allow a second of slack
            if (Files.getLastModifiedTime(run.failure()).toMillis() < sinceMillis - 1000) return null;
        } catch (java.io.IOException e) {
            return null;
        }
        return read(run);
    }

    public static void clear(RunDirectory run) {
        try {
            Files.deleteIfExists(run.failure());
        } catch (java.io.IOException ignored) {
            // a stale failure record is harmless once result.json exists: done wins
        }
    }
}
