package io.frugal.harness.exec;

import com.fasterxml.jackson.databind.JsonNode;
import io.frugal.core.store.FailureFile;
import io.frugal.core.kind.TrainerKinds;
import io.frugal.core.store.Json;
import io.frugal.core.store.MetricsFile;
import io.frugal.core.store.RunDirectory;
import java.nio.file.Files;
import java.util.Locale;

/**
 * The state of one run as the run store shows it (CLI contract: planned, queued, running, done,
 * failed, blocked). "Running" is read from the run's lock, so a killed trainer is never shown as running.
 * A run with a checkpoint that is not running is "planned" with its progress, since running it
 * again continues from there.
 */
public record RunState(String runId, State state, int epochsDone, int epochs, JsonNode result, JsonNode failure) {
    public enum State {
        PLANNED, QUEUED, RUNNING, DONE, FAILED, BLOCKED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The state, with result.json checked against the plan: an invalid one is not done; the run
     * shows as planned (running it again sets the file aside and continues) with the reason as its
     * failure's message. Nothing is written.
     */
    public static RunState of(RunDirectory run, io.frugal.core.store.PlannedRun planned) {
        String corrupt = Completion.corruption(run, planned);
        RunState s = of(run);
        if (corrupt == null) return s;
        JsonNode why = Json.object().put("message", "result.json is corrupt (" + corrupt
                + "); not counted as done: run again to set it aside and continue the run").put("exit_code", 1);
        return new RunState(run.runId(), State.FAILED, s.epochsDone(), s.epochs(), null, why);
    }

    public static RunState of(RunDirectory run) {
        int epochs = 0;
        if (Files.isRegularFile(run.config())) {
            JsonNode config = Json.read(run.config());
            try {
                epochs = (int) TrainerKinds.of(config).progressPoints(config);
            } catch (RuntimeException unknownKind) {
                epochs = 0; // shown as n/0; the trainer says what is wrong with the config
            }
        }
        int done = MetricsFile.count(run);
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
        JsonNode failure = FailureFile.read(run);
        if (failure != null) return new RunState(run.runId(), State.FAILED, done, epochs, null, failure);
        return new RunState(run.runId(), State.PLANNED, done, epochs, null, null);
    }

    /** The same run, blocked: it needs {@code failedRun}, which failed (directly or through other runs). */
    public RunState blockedBy(String failedRun) {
        return new RunState(runId, State.BLOCKED, epochsDone, epochs, null, Json.object().put("blocked_by", failedRun));
    }

    public boolean resumable() {
        return state != State.DONE && epochsDone > 0;
    }
}
