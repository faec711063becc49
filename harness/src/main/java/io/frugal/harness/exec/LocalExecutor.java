package io.frugal.harness.exec;

import com.fasterxml.jackson.databind.JsonNode;
import io.frugal.methods.config.RunConfig;
import io.frugal.core.store.Json;
import io.frugal.core.store.RunDirectory;
import io.frugal.core.store.RunStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
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

    public record Options(int jobs, int threadsPerRun, long timeLimitSeconds) {
        public Options {
            if (jobs < 1) throw new IllegalArgumentException("jobs must be at least 1");
            if (threadsPerRun < 1) throw new IllegalArgumentException("threads must be at least 1");
        }
    }

    public record Summary(int total, int skipped, int done, int failed, int interrupted, List<String> failures) {
        public boolean allDone() {
            return failed == 0 && interrupted == 0;
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

    public Summary execute(List<String> runIds, AtomicBoolean stop) {
        Deque<RunDirectory> pending = new ArrayDeque<>();
        int skipped = 0;
        for (String id : runIds) {
            RunDirectory run = store.run(id);
            if (run.isDone()) skipped++;
            else pending.add(run);
        }
        int total = runIds.size();
        int done = 0;
        int failed = 0;
        int interrupted = 0;
        List<String> failures = new ArrayList<>();
        List<Running> active = new ArrayList<>();
        if (skipped > 0) progress.message(skipped + " of " + total + " runs already done: skipped");
        try {
            while (!pending.isEmpty() || !active.isEmpty()) {
                if (stop.get()) {
                    pending.clear();
                    active.forEach(Running::requestStop);
                }
                while (!stop.get() && active.size() < options.jobs() && !pending.isEmpty()) {
                    active.add(launch(pending.poll()));
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
                    int code = r.process.exitValue();
                    String line;
                    if (r.run.isDone()) {
                        done++;
                        RunFailure.clear(r.run);
                        line = "done    " + r.label + finishedDetail(r.run);
                    } else if (code == 3 && !r.timedOut) {
                        interrupted++;
                        line = "stopped " + r.label + " (checkpoint saved; run again to continue)";
                    } else {
                        failed++;
                        String why = r.timedOut
                                ? "time limit of " + r.limitMillis / 1000 + " s exceeded" + (code == 3 ? "; checkpoint saved, run again to continue" : "")
                                : "trainer exited with code " + code + (code == 0 ? " without result.json" : "");
                        JsonNode own = RunFailure.writtenSince(r.run, r.startedMillis);
                        if (r.timedOut || own == null) {
                            RunFailure.record(r.run, code, why, null);
                        } else {
                            why = own.path("message").asText(why); // the trainer said why itself
                        }
                        failures.add(r.run.runId());
                        line = "FAILED  " + r.label + ": " + why + " (log: " + r.run.log() + ")";
                    }
                    progress.message(String.format(Locale.ROOT, "[%d/%d] %s", skipped + done + failed + interrupted, total, line));
                }
                progress.update(skipped + done + failed + interrupted, total, activeView(active));
                sleep(200);
            }
        } finally {
            for (Running r : active) r.process.destroyForcibly();
        }
        return new Summary(total, skipped, done, failed, interrupted, failures);
    }

    private Running launch(RunDirectory run) {
        JsonNode config = Json.read(run.config());
        String label = config.path("experiment").asText() + " " + config.path("dataset").asText() + " seed "
                + config.path("seed").asText() + " [" + run.runId() + "]";
        long limit = options.timeLimitSeconds();
        if (limit <= 0 && config.path("resources").path("time").isTextual()) {
            limit = RunConfig.parseSlurmTime(config.path("resources").path("time").asText());
        }
        try {
            return new Running(run, label, TrainerProcess.start(run, options.threadsPerRun(), true), limit);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the trainer for " + run.dir() + ": " + e.getMessage(), e);
        }
    }

    private static String finishedDetail(RunDirectory run) {
        try {
            JsonNode r = Json.read(run.result());
            return String.format(Locale.ROOT, ": top-1 %.2f%% (best %.2f%%), train %.0f s",
                    100 * r.path("final_top1").asDouble(), 100 * r.path("best_top1").asDouble(),
                    r.path("train_seconds").asDouble());
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static List<Progress.Active> activeView(List<Running> active) {
        List<Progress.Active> out = new ArrayList<>();
        for (Running r : active) {
            int epochs = 0;
            try {
                epochs = Files.isRegularFile(r.run.config()) ? Json.read(r.run.config()).path("epochs").asInt() : 0;
            } catch (RuntimeException ignored) {
                // progress display only
            }
            out.add(new Progress.Active(r.label, RunState.countMetricLines(r.run), epochs));
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
