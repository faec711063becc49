package io.frugal.harness.cli;

import io.frugal.harness.exec.LocalExecutor;
import io.frugal.harness.exec.Progress;
import io.frugal.harness.exec.RunState;
import io.frugal.harness.exec.Signals;
import io.frugal.harness.plan.Plan;
import io.frugal.harness.plan.PlanWriter;
import io.frugal.harness.plan.Planner;
import io.frugal.methods.BadInputException;
import io.frugal.methods.store.RunStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code frugal run MANIFEST}: validate, plan into OUT (plan.json, runs/ID/config.json), then train
 * every run that has no result.json on the chosen executor. Running it again continues where it
 * stopped: done runs are skipped, interrupted ones resume from their checkpoints.
 */
@Command(name = "run", description = "Plan a manifest into OUT and train its runs (local executor by default).")
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MANIFEST", description = "The manifest (YAML or JSON).")
    Path manifest;

    @Option(names = "--profile", description = "A profile of the manifest (e.g. smoke).")
    String profile;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a config value (repeatable), e.g. --set epochs=2.")
    List<String> sets = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: out/NAME[-PROFILE]).")
    Path out;

    @Option(names = "--executor", defaultValue = "local", description = "Where runs train: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    Executor executor;

    @Option(names = "--jobs", defaultValue = "1", description = "Runs trained at once (local executor; default ${DEFAULT-VALUE}).")
    int jobs;

    @Option(names = "--threads", description = "Compute threads per run (default: cores / jobs).")
    Integer threads;

    @Option(names = "--time-limit", paramLabel = "SECONDS", description = "Per-run time limit in seconds (default: the run's resources.time).")
    long timeLimit;

    @Option(names = "--dry-run", description = "Show what would be trained, write nothing.")
    boolean dryRun;

    enum Executor { local }

    @Override
    public Integer call() {
        if (jobs < 1) throw new BadInputException("--jobs must be at least 1, got " + jobs);
        if (threads != null && threads < 1) throw new BadInputException("--threads must be at least 1, got " + threads);
        var w = spec.commandLine().getOut();
        Plan plan = Planner.plan(manifest, profile, sets); // throws BadInputException before anything is written
        RunStore store = new RunStore(out != null ? out : defaultOut(plan));
        List<String> ids = plan.runs().stream().map(io.frugal.harness.plan.PlannedRun::id).toList();
        if (dryRun) {
            int done = 0;
            int resumable = 0;
            for (String id : ids) {
                RunState s = RunState.of(store.run(id));
                if (s.state() == RunState.State.DONE) done++;
                else if (s.resumable()) resumable++;
            }
            w.printf("dry run: %d runs in %s: %d done, %d would resume from a checkpoint, %d would start%n",
                    ids.size(), store.root(), done, resumable, ids.size() - done - resumable);
            return Main.OK;
        }
        PlanWriter.write(store, plan);
        int perRun = threads != null ? threads : Math.max(1, Runtime.getRuntime().availableProcessors() / jobs);
        w.printf("frugal run: %d runs of %s into %s (local executor, %d at once, %d threads each)%n",
                ids.size(), plan.name(), store.root(), jobs, perRun);
        w.flush();
        AtomicBoolean stop = new AtomicBoolean();
        Signals.onStop(() -> {
            w.println("\nfrugal run: stopping: trainers are saving checkpoints (press Ctrl-C again to quit at once)");
            w.flush();
            stop.set(true);
        }, true, "INT", "TERM");
        LocalExecutor.Summary summary;
        try (Progress progress = Progress.forConsole(w)) {
            summary = new LocalExecutor(store, new LocalExecutor.Options(jobs, perRun, timeLimit), progress).execute(ids, stop);
        }
        w.printf("frugal run: %d runs: %d done now, %d done before, %d failed, %d stopped%n",
                summary.total(), summary.done(), summary.skipped(), summary.failed(), summary.interrupted());
        if (!summary.failures().isEmpty()) {
            w.println("failed runs (see their log.txt and failure.json; run the same command again to retry):");
            for (String id : summary.failures()) w.println("  " + store.run(id).dir());
        }
        w.println("report: ./frugal report " + store.root());
        if (summary.interrupted() > 0 || stop.get()) return Main.INTERRUPTED;
        return summary.failed() > 0 ? Main.FAILED : Main.OK;
    }

    static Path defaultOut(Plan plan) {
        return Path.of("out", plan.name() + (plan.profile() == null ? "" : "-" + plan.profile()));
    }
}
