package io.frugal.harness.exec;

import com.fasterxml.jackson.databind.JsonNode;
import io.frugal.core.store.FailureFile;
import io.frugal.core.store.Json;
import io.frugal.core.store.RunDirectory;
import io.frugal.core.store.RunStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import io.frugal.core.kind.MetricSchema;
import io.frugal.core.kind.TrainerKinds;
import io.frugal.core.store.MetricsFile;
import io.frugal.core.store.Plan;
import io.frugal.core.store.RunGraph;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The embedded executor: trains planned runs on this machine, each as its own process
 * ({@link TrainerProcess}), at most {@code jobs} at once. Runs with a result.json are skipped, runs
 * with a checkpoint continue from it (the trainer does that), so running the same plan again never
 * repeats finished work. A stop request (Ctrl-C, SIGTERM) is passed on to the trainers, which save
 * a checkpoint and exit 3; a run over its time limit is stopped the same way and marked failed.
 */
public final class LocalExecutor {
    /** How long a stopped trainer gets to save its checkpoint before it is killed. */
    static final long STOP_GRACE_MILLIS = 120_000;

    /** Each trainer computes with its run's own thread count (config.json {@code threads}, part of its id). */
    public record Options(int jobs, long timeLimitSeconds) {
        public Options {
            if (jobs < 1) throw new IllegalArgumentException("jobs must be at least 1");
        }
    }

    /**
     * {@code blocked}: run id → the failed run it needs (directly or through others); never started.
     * {@code storeError}: why the executor itself could not write into the run store (a full disk, a
     * read-only folder), after which it stopped every trainer; null when it never happened.
     */
    public record Summary(int total, int skipped, int done, int failed, int interrupted, List<String> failures,
                          Map<String, String> blocked, String storeError) {
        public boolean allDone() {
            return failed == 0 && interrupted == 0 && blocked.isEmpty() && storeError == null;
        }
    }

    private final RunStore store;
    private final Options options;
    private final Progress progress;

    public LocalExecutor(RunStore store, Options options, Progress progress) {
        this.store = store;
        this.options = options;
        this.progress = progress;
    }

    private final class Running {
        final RunDirectory run;
        final String label;
        final Process process;
        final long startedMillis = System.currentTimeMillis();
        final long limitMillis;
        long stopSentMillis = -1;
        boolean timedOut;

        Running(RunDirectory run, String label, Process process, long limitSeconds) {
            this.run = run;
            this.label = label;
            this.process = process;
            this.limitMillis = limitSeconds > 0 ? limitSeconds * 1000 : -1;
        }

        void requestStop() {
            if (stopSentMillis < 0) {
                stopSentMillis = System.currentTimeMillis();
                process.destroy(); // SIGTERM: the trainer checkpoints and exits 3
            }
        }
    }

    /**
     * Trains {@code runIds} (runs of {@code plan}). A run starts only when every run it needs is
     * done; when one of those fails (now, or earlier and not retried here), the run is blocked:
     * never started, reported with the failed run's id.
     */
    public Summary execute(Plan plan, List<String> runIds, AtomicBoolean stop) {
        RunGraph graph = new RunGraph(plan);
        PlanIndex runs = PlanIndex.of(plan);
        List<RunDirectory> pending = new ArrayList<>();
        int skipped = 0;
        for (String id : runIds) {
            RunDirectory run = store.run(id);
            if (Completion.doneOrSetAside(run, runs.run(id), progress::message)) skipped++;
            else pending.add(run);
        }
        Set<String> unfinished = new HashSet<>();
        pending.forEach(r -> unfinished.add(r.runId()));
        Set<String> failedNow = new HashSet<>();
        Map<String, String> blocked = new LinkedHashMap<>();
        int total = runIds.size();
        int done = 0;
        int failed = 0;
        int interrupted = 0;
        List<String> failures = new ArrayList<>();
        List<Running> active = new ArrayList<>();
        if (skipped > 0) progress.message(skipped + " of " + total + " runs already done: skipped");
        String storeError = null;
        try {
            while (!pending.isEmpty() || !active.isEmpty()) {
                if (stop.get() || storeError != null) {
                    pending.clear();
                    active.forEach(Running::requestStop);
                }
                for (var it = pending.iterator(); it.hasNext(); ) {
                    RunDirectory run = it.next();
                    String cause = blockingInput(graph, run.runId(), failedNow, blocked, unfinished);
                    if (cause == null) continue;
                    it.remove();
                    blocked.put(run.runId(), cause);
                    unfinished.remove(run.runId());
                    progress.message(String.format(Locale.ROOT, "[%d/%d] BLOCKED %s: needs run %s, which failed", skipped + done + failed
                            + interrupted + blocked.size(), total, label(run), cause));
                }
                for (var it = pending.iterator(); !stop.get() && storeError == null && active.size() < options.jobs() && it.hasNext(); ) {
                    RunDirectory run = it.next();
                    if (!inputsDone(graph, run.runId())) continue; // waits for a run it needs
                    it.remove();
                    try {
                        active.add(launch(run));
                    } catch (RuntimeException e) {
                        storeError = storeFailure(run, e);
                        unfinished.remove(run.runId());
                        failed++;
                        failures.add(run.runId());
                        failedNow.add(run.runId());
                    }
                }
                for (var it = active.iterator(); it.hasNext(); ) {
                    Running r = it.next();
                    long now = System.currentTimeMillis();
                    if (r.process.isAlive()) {
                        if (r.limitMillis > 0 && now - r.startedMillis > r.limitMillis && r.stopSentMillis < 0) {
                            r.timedOut = true;
                            r.requestStop();
                        }
                        if (r.stopSentMillis > 0 && now - r.stopSentMillis > STOP_GRACE_MILLIS) {
                            r.process.destroyForcibly();
                        }
                        continue;
                    }
                    it.remove();
                    unfinished.remove(r.run.runId());
                    int code = r.process.exitValue();
                    String line;
                    try {
                    String corrupt = Completion.corruption(r.run, runs.run(r.run.runId()));
                    if (r.run.isDone() && corrupt == null) {
                        done++;
                        FailureFile.clear(r.run);
                        line = "done    " + r.label + finishedDetail(r.run);
                    } else if (!r.timedOut && (code == 3 || stoppedWhileStarting(code))) {
                        interrupted++;
                        line = "stopped " + r.label + (code == 3 ? " (checkpoint saved; run again to continue)"
                                : " while its trainer was starting (nothing to save yet; run again to continue)");
                    } else {
                        failed++;
                        String why = r.timedOut
                                ? "time limit of " + r.limitMillis / 1000 + " s exceeded" + (savedSince(r.run, r.startedMillis)
                                        ? "; checkpoint saved, run again to continue"
                                        : r.run.hasCheckpoint()
                                        ? "; no progress saved in this attempt (its checkpoint is an earlier attempt's): the limit is shorter"
                                                + " than the trainer needs to start and reach its next checkpoint, so running again with it"
                                                + " would repeat this; raise it"
                                        : "; no checkpoint yet: the limit is shorter than the trainer needs to start and save its first one, raise it")
                                : corrupt != null ? "trainer wrote an invalid result.json (" + corrupt + ")"
                                : "trainer exited with code " + code + (code == 0 ? " without result.json" : "");
                        JsonNode own = FailureFile.writtenSince(r.run, r.startedMillis);
                        if (r.timedOut || own == null) {
                            FailureFile.record(r.run, code, why, null);
                        } else {
                            why = own.path("message").asText(why); // the trainer said why itself
                        }
                        failures.add(r.run.runId());
                        failedNow.add(r.run.runId());
                        line = "FAILED  " + r.label + ": " + why + " (log: " + r.run.log() + ")";
                    }
                    } catch (RuntimeException e) {
                        // recording the outcome failed: the run is not done, and nothing more can be written
                        if (storeError == null) storeError = storeFailure(r.run, e);
                        if (!failures.contains(r.run.runId())) {
                            failed++;
                            failures.add(r.run.runId());
                            failedNow.add(r.run.runId());
                        }
                        line = "FAILED  " + r.label + ": trainer exited with code " + code + "; its outcome could not be recorded";
                    }
                    progress.message(String.format(Locale.ROOT, "[%d/%d] %s", skipped + done + failed + interrupted + blocked.size(), total, line));
                }
                if (active.isEmpty() && !pending.isEmpty() && !stop.get() && storeError == null && pending.stream().noneMatch(p -> inputsDone(graph, p.runId()))) {
                    // nothing runs and nothing can start: every run left waits for runs outside this execution
                    for (RunDirectory p : pending) blocked.put(p.runId(), firstNotDone(graph, p.runId()));
                    pending.clear();
                }
                progress.update(skipped + done + failed + interrupted + blocked.size(), total, activeView(active));
                sleep(200);
            }
        } finally {
            stopGently(active);
        }
        return new Summary(total, skipped, done, failed, interrupted, failures, blocked, storeError);
    }

    /**
     * A trainer that died by SIGINT or SIGTERM (130, 143) got the signal before its handler was
     * installed, i.e. while its JVM was still starting: a trainer that has started saves a
     * checkpoint and exits 3 on either. That is a stop (Ctrl-C reaches the trainer too, as the
     * terminal signals the whole foreground group, then our SIGTERM), not a failure, and nothing of
     * the run is lost. It does not wait for the executor's own stop flag: the trainer's exit can be
     * seen before the executor's handler has run (the two signals are not delivered at once).
     */
    private static boolean stoppedWhileStarting(int code) {
        return code == 128 + 2 || code == 128 + 15;
    }

    /** Whether the run's checkpoint was written at or after {@code sinceMillis} (by the attempt that started then). */
    private static boolean savedSince(RunDirectory run, long sinceMillis) {
        try {
            return run.hasCheckpoint() && java.nio.file.Files.getLastModifiedTime(run.checkpoint()).toMillis() >= sinceMillis;
        } catch (IOException e) {
            return false;
        }
    }

    /** The message for a write into the run store that failed, said once; every trainer is then stopped. */
    private String storeFailure(RunDirectory run, RuntimeException e) {
        String why = e.getMessage() == null ? e.toString() : e.getMessage();
        progress.message("cannot write into the run store at " + run.dir() + ": " + why
                + "; stopping the other trainers (they save their checkpoints)");
        return why;
    }

    /**
     * If the loop ends by an exception with trainers still running: SIGTERM (they checkpoint and
     * exit 3), a grace period, and only then SIGKILL. Never SIGKILL first: that would lose their epochs.
     */
    private static void stopGently(List<Running> active) {
        active.forEach(Running::requestStop);
        long deadline = System.currentTimeMillis() + STOP_GRACE_MILLIS;
        for (Running r : active) {
            try {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0 || !r.process.waitFor(left, java.util.concurrent.TimeUnit.MILLISECONDS)) r.process.destroyForcibly();
            } catch (InterruptedException e) {
                r.process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private boolean inputsDone(RunGraph graph, String id) {
        return graph.inputs(id).stream().allMatch(in -> store.run(in).isDone());
    }

    /**
     * The failed run that blocks {@code id}: an input that failed in this execution, one blocked
     * in turn, or one that is not done and not being trained here (it failed earlier and was not
     * retried, or was never run): such a run can never start. Null while every input is done or
     * still to be trained here.
     */
    private String blockingInput(RunGraph graph, String id, Set<String> failedNow, Map<String, String> blocked, Set<String> unfinished) {
        for (String in : graph.inputs(id)) {
            if (store.run(in).isDone()) continue;
            if (failedNow.contains(in)) return in;
            if (blocked.containsKey(in)) return blocked.get(in);
            if (!unfinished.contains(in) && FailureFile.read(store.run(in)) != null) return in;
        }
        return null;
    }

    private String firstNotDone(RunGraph graph, String id) {
        return graph.inputs(id).stream().filter(in -> !store.run(in).isDone()).findFirst().orElse(id);
    }

    private static String label(RunDirectory run) {
        JsonNode config = Json.read(run.config());
        return config.path("experiment").asText() + " " + config.path("dataset").asText() + " seed "
                + config.path("seed").asText() + " [" + run.runId() + "]";
    }

    private Running launch(RunDirectory run) {
        JsonNode config = Json.read(run.config());
        String label = label(run);
        long limit = options.timeLimitSeconds();
        if (limit <= 0 && config.path("resources").path("time").isTextual()) {
            limit = io.frugal.core.kind.CommonConfig.parseSlurmTime(config.path("resources").path("time").asText());
        }
        try {
            return new Running(run, label, TrainerProcess.start(run, true), limit);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the trainer for " + run.dir() + ": " + e.getMessage(), e);
        }
    }

    /** The run's primary metric (and its best, where the kind has one) and train seconds, as its kind names them. */
    private static String finishedDetail(RunDirectory run) {
        try {
            JsonNode r = Json.read(run.result());
            MetricSchema m = TrainerKinds.of(Json.read(run.config())).metrics();
            String best = m.best() == null ? "" : " (best " + m.best().format(r.path(m.best().key()).asDouble()) + ")";
            return String.format(Locale.ROOT, ": %s %s%s, train %.0f s", m.primary().label(),
                    m.primary().format(r.path(m.primary().key()).asDouble()), best, r.path("train_seconds").asDouble());
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static List<Progress.Active> activeView(List<Running> active) {
        List<Progress.Active> out = new ArrayList<>();
        for (Running r : active) {
            int points = 0;
            try {
                JsonNode config = Json.read(r.run.config());
                points = (int) TrainerKinds.of(config).progressPoints(config);
            } catch (RuntimeException ignored) {
                // progress display only
            }
            out.add(new Progress.Active(r.label, MetricsFile.count(r.run), points));
        }
        return out;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
