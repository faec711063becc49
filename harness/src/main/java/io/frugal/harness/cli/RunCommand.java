package io.frugal.harness.cli;

import io.frugal.harness.exec.LocalExecutor;
import io.frugal.harness.exec.Progress;
import io.frugal.harness.exec.RunState;
import io.frugal.harness.exec.Signals;
import io.frugal.core.store.Plan;
import io.frugal.harness.plan.PlanWriter;
import io.frugal.harness.plan.Planner;
import io.frugal.core.BadInputException;
import io.frugal.core.store.RunStore;
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

    @Parameters(index = "0", paramLabel = "MANIFEST", description = "The manifest (YAML or JSON), or an output folder to continue (with --resume or --retry-failed).")
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

    @Option(names = "--threads", description = "Compute threads per run, the same as --set threads=T: part of each run's id, since it changes a CPU run's numbers (default: the manifest's threads, else resources.cpus, else 1).")
    Integer threads;

    /**
     * The shortest --time-limit: a trainer needs seconds to start its JVM and engine and load its
     * data before it trains a batch, and only then can a stop save progress; under this no attempt
     * of any run could get that far, so every one would end with nothing saved.
     */
    static final long MIN_TIME_LIMIT_SECONDS = 10;

    @Option(names = "--time-limit", paramLabel = "SECONDS", description = "Per-run time limit in seconds, at least "
            + MIN_TIME_LIMIT_SECONDS + " (a trainer takes seconds to start before it can save any progress); a run it stops"
            + " keeps its checkpoint, and is said to continue when run again only if that attempt saved progress"
            + " (default: the run's resources.time).")
    Long timeLimit;

    @Option(names = "--max-runs", paramLabel = "N", description = "Refuse a grid of more runs than this (default 1000000), counted before it is expanded.")
    long maxRuns = io.frugal.harness.manifest.Manifests.DEFAULT_MAX_RUNS;

    @Option(names = "--dry-run", description = "Show what would be trained, write nothing (slurm: render the scripts into OUT/slurm/dry-run only).")
    boolean dryRun;

    @Option(names = "--cluster", paramLabel = "PROFILE", description = "Cluster profile for --executor slurm (see jobs/clusters/).")
    Path cluster;

    @Option(names = "--validate", description = "slurm: render the scripts and pass them through sbatch --test-only; submit nothing.")
    boolean validate;

    @Option(names = "--resume", description = "MANIFEST is an output folder: train what is not done (and, on slurm, not queued or running).")
    boolean resume;

    @Option(names = "--retry-failed", description = "MANIFEST is an output folder: train again only the runs that failed.")
    boolean retryFailed;

    @Option(names = "--states", split = ",", paramLabel = "STATE", description = "With --retry-failed on slurm: only runs whose last SLURM state is one of these, e.g. TIMEOUT,PREEMPTED,NODE_FAIL.")
    List<String> states = new ArrayList<>();

    enum Executor { local, slurm }

    @Override
    public Integer call() {
        if (jobs < 1) throw new BadInputException("--jobs must be at least 1, got " + jobs);
        if (timeLimit != null && timeLimit < MIN_TIME_LIMIT_SECONDS) {
            throw new BadInputException("--time-limit " + timeLimit + ": a run's time limit must be at least " + MIN_TIME_LIMIT_SECONDS
                    + " seconds (a trainer takes seconds to start its JVM and engine and load its data before it can save any"
                    + " progress; a shorter limit would end every attempt with nothing saved), or left out for each run's resources.time");
        }
        if (threads != null && threads < 1) throw new BadInputException("--threads must be at least 1, got " + threads);
        var w = spec.commandLine().getOut();
        boolean continuing = resume || retryFailed;
        if (executor != Executor.slurm && (cluster != null || validate || !states.isEmpty())) {
            throw new BadInputException("--cluster, --validate and --states need --executor slurm");
        }
        if (continuing != java.nio.file.Files.isDirectory(manifest)) {
            throw new BadInputException(continuing ? "--resume/--retry-failed take an output folder of 'frugal run', not " + manifest
                    : manifest + " is a folder: to continue an earlier run there, add --resume or --retry-failed");
        }
        List<String> overrides = new ArrayList<>(sets);
        if (threads != null) overrides.add(io.frugal.core.kind.CommonConfig.THREADS + "=" + threads);
        Plan plan = continuing ? Plan.read(manifest) : Planner.plan(manifest, profile, overrides, maxRuns); // throws BadInputException before anything is written
        if (continuing && threads != null) requirePlannedThreads(plan, threads);
        RunStore store = new RunStore(out != null ? out : continuing ? manifest : defaultOut(plan));
        OutFolder.check(store.root(), continuing);
        boolean newStore = !java.nio.file.Files.exists(store.root());
        try {
            return execute(plan, store, continuing && sameFolder(manifest, store.root()), w);
        } catch (BadInputException e) {
            // a refusal found after planning (a time over the profile's limit, an sbatch refusal)
            // leaves nothing behind: following its advice into the same folder must work
            if (newStore) LeftBehind.remove(store.root());
            throw e;
        }
    }

    /** Whether two paths name one folder (the folder a plan was read from, and the store it runs in). */
    private static boolean sameFolder(Path a, Path b) {
        try {
            return java.nio.file.Files.isSameFile(a, b);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** {@code planFromStore}: the plan is the store's own plan.json (continued in the folder it was read from). */
    private Integer execute(Plan plan, RunStore store, boolean planFromStore, java.io.PrintWriter w) {
        if (executor == Executor.slurm) {
            var mode = validate ? io.frugal.harness.slurm.SlurmSubmitter.Mode.VALIDATE
                    : dryRun ? io.frugal.harness.slurm.SlurmSubmitter.Mode.DRY_RUN : io.frugal.harness.slurm.SlurmSubmitter.Mode.SUBMIT;
            try {
                return new SlurmRun(cluster, mode, retryFailed, new java.util.TreeSet<>(states), planFromStore).run(plan, store, w);
            } catch (io.frugal.harness.slurm.SlurmException e) { // an outage, not bad input: exit 1, no stack trace
                spec.commandLine().getErr().println("frugal: error: " + e.getMessage());
                return Main.FAILED;
            }
        }
        List<String> ids = plan.runs().stream().map(io.frugal.core.store.PlannedRun::id).toList();
        if (retryFailed) ids = failedAndBlocked(plan, store); // not the runs that never ran: --resume starts those
        int jobs = JobsCap.cap(this.jobs, plan, w);
        if (dryRun) {
            int done = 0;
            int resumable = 0;
            io.frugal.harness.exec.PlanIndex runs = io.frugal.harness.exec.PlanIndex.of(plan);
            for (String id : ids) {
                RunState s = RunState.of(store.run(id), runs.run(id));
                if (s.state() == RunState.State.DONE) done++;
                else if (s.resumable()) resumable++;
            }
            w.printf("dry run: %d runs in %s: %d done, %d would resume from a checkpoint, %d would start%n",
                    ids.size(), store.root(), done, resumable, ids.size() - done - resumable);
            return Main.OK;
        }
        PlanWriter.write(store, plan);
        w.printf("frugal run: %d runs of %s into %s (local executor, %d at once, %s threads each)%n",
                ids.size(), plan.name(), store.root(), jobs, threadCounts(plan));
        w.flush();
        AtomicBoolean stop = new AtomicBoolean();
        Signals.onStop(() -> {
            w.println("\nfrugal run: stopping: trainers are saving checkpoints (press Ctrl-C again to quit at once)");
            w.flush();
            stop.set(true);
        }, true, "INT", "TERM");
        LocalExecutor.Summary summary;
        try (Progress progress = Progress.forConsole(w)) {
            summary = new LocalExecutor(store, new LocalExecutor.Options(jobs, timeLimit == null ? 0 : timeLimit), progress).execute(plan, ids, stop);
        }
        w.printf("frugal run: %d runs: %d done now, %d done before, %d failed, %d stopped%s%n",
                summary.total(), summary.done(), summary.skipped(), summary.failed(), summary.interrupted(),
                summary.blocked().isEmpty() ? "" : ", " + summary.blocked().size() + " blocked");
        if (!summary.blocked().isEmpty()) {
            w.println("blocked runs (never started: a run they need failed):");
            summary.blocked().forEach((id, cause) -> w.println("  " + store.run(id).dir() + ": needs run " + cause));
        }
        if (!summary.failures().isEmpty()) {
            w.println("failed runs (see their log.txt and failure.json; run the same command again to retry):");
            for (String id : summary.failures()) w.println("  " + store.run(id).dir());
        }
        w.println("report: ./frugal report " + store.root());
        if (summary.storeError() != null) {
            w.println("frugal run: stopped: the run store could not be written (" + summary.storeError() + "); the stopped runs kept"
                    + " their checkpoints: free space (or make " + store.root() + " writable) and run the same command again");
            return Main.FAILED;
        }
        if (summary.interrupted() > 0 || stop.get()) return Main.INTERRUPTED;
        return summary.failed() > 0 || !summary.blocked().isEmpty() ? Main.FAILED : Main.OK;
    }

    /**
     * The runs to train again with --retry-failed: the failed ones, and the runs blocked by them
     * that are not done. Each run's state is read once, side by side (run directories on a shared
     * file system are round trips), and looked up by id, not searched for in the plan.
     */
    static List<String> failedAndBlocked(Plan plan, RunStore store) {
        java.util.Map<String, RunState.State> states = new java.util.HashMap<>();
        io.frugal.analysis.store.ParallelReads.inOrder(plan.runs(), r -> RunState.of(store.run(r.id()), r, false),
                s -> states.put(s.runId(), s.state()));
        java.util.function.Predicate<String> failed = id -> states.get(id) == RunState.State.FAILED;
        java.util.Set<String> blocked = new io.frugal.core.store.RunGraph(plan).blockedBy(failed).keySet();
        // not done: no result.json, or one that fails its checks (the state says FAILED then)
        return plan.runs().stream().map(io.frugal.core.store.PlannedRun::id)
                .filter(id -> failed.test(id) || (blocked.contains(id) && states.get(id) != RunState.State.DONE)).toList();
    }

    /** The plan's thread counts, e.g. "1" or "1/4". */
    static String threadCounts(Plan plan) {
        return plan.runs().stream().map(r -> io.frugal.core.kind.CommonConfig.threads(r.config())).distinct().sorted()
                .map(String::valueOf).collect(java.util.stream.Collectors.joining("/"));
    }

    /** A planned store fixes each run's threads (they are part of its id): --threads can only repeat them. */
    private static void requirePlannedThreads(Plan plan, int threads) {
        String planned = threadCounts(plan);
        if (!planned.equals(Integer.toString(threads))) {
            throw new BadInputException("--threads " + threads + ": this store's runs were planned with " + planned
                    + " threads, which is part of their ids; leave --threads out to continue them, or plan into another --out");
        }
    }

    static Path defaultOut(Plan plan) {
        return Path.of("out", plan.name() + (plan.profile() == null ? "" : "-" + plan.profile()));
    }
}
