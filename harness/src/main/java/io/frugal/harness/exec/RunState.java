package io.frugal.harness.exec;

import com.fasterxml.jackson.databind.JsonNode;
import io.frugal.core.store.Json;
import io.frugal.core.store.RunDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Locale;

/**
 * The state of one run as the run store shows it (CLI contract: planned, queued, running, done,
 * failed). "Running" is read from the run's lock, so a killed trainer is never shown as running.
 * A run with a checkpoint that is not running is "planned" with its progress, since running it
 * again continues from there.
 */
public record RunState(String runId, State state, int epochsDone, int epochs, JsonNode result, JsonNode failure) {
    public enum State {
        PLANNED, QUEUED, RUNNING, DONE, FAILED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static RunState of(RunDirectory run) {
        int epochs = 0;
        if (Files.isRegularFile(run.config())) {
            epochs = Json.read(run.config()).path("epochs").asInt(0);
        }
        int done = countMetricLines(run);
        if (run.isDone()) {
            JsonNode result;
            try {
                result = Json.read(run.result());
            } catch (RuntimeException e) {
                result = Json.object().put("status", "unreadable: " + e.getMessage());
            }
            return new RunState(run.runId(), State.DONE, done, epochs, result, null);
        }
        if (RunLock.isHeld(run)) return new RunState(run.runId(), State.RUNNING, done, epochs, null, null);
        JsonNode failure = RunFailure.read(run);
        if (failure != null) return new RunState(run.runId(), State.FAILED, done, epochs, null, failure);
        return new RunState(run.runId(), State.PLANNED, done, epochs, null, null);
    }

    /** Completed epochs, from metrics.jsonl (rewritten whole after each epoch, so never half a line). */
    public static int countMetricLines(RunDirectory run) {
        if (!Files.isRegularFile(run.metrics())) return 0;
        try (var lines = Files.lines(run.metrics())) {
            return (int) lines.filter(l -> !l.isBlank()).count();
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0;
        }
    }

    public boolean resumable() {
        return state != State.DONE && epochsDone > 0;
    }
}
