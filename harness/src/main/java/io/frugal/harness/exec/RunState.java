package io.frugal.harness.exec;

import com.fasterxml.jackson.databind.JsonNode;
import io.frugal.core.store.FailureFile;
import io.frugal.core.kind.TrainerKinds;
import io.frugal.core.store.Json;
import io.frugal.core.store.MetricsFile;
import io.frugal.core.store.ResultFile;
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
        return of(run, planned, true);
    }

    /**
     * As {@link #of(RunDirectory, io.frugal.core.store.PlannedRun)}; without {@code progress} the
     * epochs are neither counted nor planned (0 of 0: metrics.jsonl is not read), for a caller that
     * needs the state only.
     */
    public static RunState of(RunDirectory run, io.frugal.core.store.PlannedRun planned, boolean progress) {
        int epochs = progress ? epochs(planned.config()) : 0; // the plan holds the run's config.json: not read again
        int done = progress ? MetricsFile.count(run) : 0;
        // result.json is read once, without a stat before (absent: not done): checked against the plan,
        // and its tree is the state's result
        ResultFile.Outcome outcome;
        try {
            outcome = ResultFile.readIfPresent(run, planned, () -> TrainerKinds.of(planned.config()).metrics());
        } catch (RuntimeException e) {
            outcome = new ResultFile.Outcome(null, "unreadable: " + e.getMessage());
        }
        if (outcome == null) return unfinished(run, epochs, done);
        if (outcome.problem() == null) return new RunState(run.runId(), State.DONE, done, epochs, outcome.result().raw(), null);
        JsonNode why = Json.object().put("message", "result.json is corrupt (" + outcome.problem()
                + "); not counted as done: run again to set it aside and continue the run").put("exit_code", 1);
        return new RunState(run.runId(), State.FAILED, done, epochs, null, why);
    }

    public static RunState of(RunDirectory run) {
        int epochs = Files.isRegularFile(run.config()) ? epochs(Json.read(run.config())) : 0;
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
        return unfinished(run, epochs, done);
    }

    /**
     * Whether a run without result.json is failed in the run store ({@link #of} would say so):
     * its failure.json and its lock decide, none of its other files is read.
     */
    public static boolean failedWithoutResult(RunDirectory run) {
        return !RunLock.isHeld(run) && FailureFile.read(run) != null;
    }

    private static RunState unfinished(RunDirectory run, int epochs, int done) {
        if (RunLock.isHeld(run)) return new RunState(run.runId(), State.RUNNING, done, epochs, null, null);
        JsonNode failure = FailureFile.read(run);
        if (failure != null) return new RunState(run.runId(), State.FAILED, done, epochs, null, failure);
        return new RunState(run.runId(), State.PLANNED, done, epochs, null, null);
    }

    private static int epochs(JsonNode config) {
        try {
            return (int) TrainerKinds.of(config).progressPoints(config);
        } catch (RuntimeException unknownKind) {
            return 0; // shown as n/0; the trainer says what is wrong with the config
        }
    }

    /** The same run, blocked: it needs {@code failedRun}, which failed (directly or through other runs). */
    public RunState blockedBy(String failedRun) {
        return new RunState(runId, State.BLOCKED, epochsDone, epochs, null, Json.object().put("blocked_by", failedRun));
    }

    public boolean resumable() {
        return state != State.DONE && epochsDone > 0;
    }
}
