package io.frugal.harness.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frugal.harness.exec.RunLock;
import io.frugal.harness.exec.Signals;
import io.frugal.core.BadInputException;
import io.frugal.core.config.ConfigProblem;
import io.frugal.core.kind.CommonConfig;
import io.frugal.core.kind.Outcome;
import io.frugal.core.kind.StopSignal;
import io.frugal.core.kind.TrainContext;
import io.frugal.core.kind.TrainerKind;
import io.frugal.core.kind.TrainerKinds;
import io.frugal.core.store.FailureFile;
import io.frugal.core.store.Json;
import io.frugal.core.store.RunDirectory;
import io.frugal.methods.train.OneDnn;
import io.frugal.reproducibility.RunRecorder;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code frugal train --run-dir DIR}: trains one planned run. This is what the local executor's
 * worker processes and SLURM array tasks run. It reads everything from DIR/config.json (never from
 * its command line), resumes from DIR/checkpoint if there is one, and exits 0 when result.json is
 * written, 3 when stopped (SIGTERM/SIGINT, or its parent executor died) after saving a checkpoint,
 * 2 for a config or dataset the user must fix, 1 for any other failure (recorded in failure.json).
 */
@Command(name = "train", description = "Train one planned run (what local workers and SLURM tasks call).")
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--run-dir", required = true, description = "The run directory (holds config.json).")
    Path runDir;

    @Option(names = "--threads", description = "Compute threads: must be the run's own (config.json 'threads', part of its id); given by executors as a check.")
    Integer threads;

    @Option(names = "--watch-parent", hidden = true, description = "Stop (checkpoint, exit 3) if the parent process dies.")
    boolean watchParent;

    @Option(names = "--lock-wait", defaultValue = "180", description = "Seconds to wait for another trainer of this run to let go (default ${DEFAULT-VALUE}).")
    long lockWaitSeconds;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        RunDirectory run = new RunDirectory(runDir.toAbsolutePath().normalize());
        if (!Files.isRegularFile(run.config())) {
            throw new BadInputException(run.config() + ": no config.json: not a planned run directory (plan it with 'frugal run MANIFEST')");
        }
        JsonNode config;
        try {
            config = Json.read(run.config());
        } catch (RuntimeException e) {
            throw new BadInputException(run.config() + ": unreadable: " + e.getMessage());
        }
        List<ConfigProblem> problems = CommonConfig.check(config);
        if (!problems.isEmpty()) {
            throw new BadInputException(problems.stream().map(p -> run.config() + ": " + p).collect(Collectors.joining("\n")));
        }
        TrainerKind kind = TrainerKinds.of(config);
        Map<String, RunDirectory> inputs = inputs(run, config);
        if (validlyDone(run, out)) {
            out.println("run " + run.runId() + " is already done: " + run.result());
            return Main.OK;
        }
        RunLock lock = RunLock.acquire(run, lockWaitSeconds * 1000);
        if (lock == null) {
            spec.commandLine().getErr().println("frugal: run " + run.dir() + " is being trained by another process (lock " + run.lock() + ")");
            return Main.FAILED;
        }
        try (lock) {
            if (validlyDone(run, out)) {
                out.println("run " + run.runId() + " is already done: " + run.result());
                return Main.OK;
            }
            return train(run, kind, config, inputs, out);
        }
    }

    /**
     * The run directories of the runs this one needs (config.json's inputs, role → run id), in the
     * same run store; each must be done, since executors start a run only after its inputs.
     */
    private static Map<String, RunDirectory> inputs(RunDirectory run, JsonNode config) {
        Map<String, RunDirectory> out = new java.util.TreeMap<>();
        config.path(CommonConfig.INPUTS).fields().forEachRemaining(e -> {
            RunDirectory input = new RunDirectory(run.dir().resolveSibling(e.getValue().asText()));
            if (!input.isDone()) {
                throw new BadInputException(run.config() + ": /inputs/" + e.getKey() + ": run " + input.runId()
                        + " is not done (no " + input.result() + "); train it first");
            }
            out.put(e.getKey(), input);
        });
        return out;
    }

    private int train(RunDirectory run, TrainerKind kind, JsonNode config, Map<String, RunDirectory> inputs, PrintWriter out) {
        int nThreads = ThreadCount.of(run, config, threads);
        if (io.frugal.core.store.MetricsFile.hasTornLastLine(run.metrics())) {
            Path copy = io.frugal.core.store.DamagedFiles.copyAside(run.metrics());
            out.println("frugal train: " + run.metrics() + ": its last line is torn (the point being written when the last attempt"
                    + " died): left out, logged again by this attempt; the file as it was is kept as " + copy.getFileName());
            out.flush();
        }
        configureEngineThreads(nThreads);
        StopSignal stop = new StopSignal();
        Signals.onStop(() -> {
            out.println("frugal train: stop requested: finishing the step, saving a checkpoint");
            out.flush();
            stop.request("signal");
        }, false, "TERM", "INT");
        if (watchParent) watchParent(stop, out);
        io.frugal.methods.data.DataUse.declareOwnData(config.path(CommonConfig.OWN_DATA).asBoolean(false));
        ProvenanceRepair.readPrevious(run); // a cut-short provenance.json is set aside, so the recorder starts afresh
        RunRecorder recorder = RunRecorder.start(run, config, nThreads); // provenance.json before training; energy meter
        String ended = "failed";
        try {
            // for every kind: libtorch's oneDNN convolutions are wrong on some CPUs (OneDnn says why)
            OneDnn.disable();
            Outcome outcome = kind.trainer().train(new TrainContext(run, config, inputs, nThreads, stop, out, dataFiles -> {
                recorder.dataFiles(dataFiles);
                recorder.add(DataProvenance::add);
                DataProvenance.print(out);
            }));
            ended = outcome == Outcome.DONE ? "done" : "stopped";
            if (outcome == Outcome.DONE) {
                FailureFile.clear(run);
                out.println("frugal train: done: " + run.result());
                return Main.OK;
            }
            out.println("frugal train: stopped; checkpoint saved in " + run.checkpoint());
            return Main.INTERRUPTED;
        } catch (BadInputException e) {
            FailureFile.record(run, Main.BAD_INPUT, e.getMessage(), slurmJobId());
            throw e;
        } catch (RuntimeException | Error e) {
            FailureFile.record(run, Main.FAILED, e.toString(), slurmJobId());
            throw e;
        } finally {
            recorder.finish(ended); // provenance completed (ended_at, outcome); energy.json
            out.flush();
        }
    }

    /**
     * Done means a valid result.json (checked against the run store's plan when there is one): a
     * garbage one is set aside and the run continues from its checkpoint.
     */
    private static boolean validlyDone(RunDirectory run, PrintWriter out) {
        if (!run.isDone()) return false;
        Path runs = run.dir().getParent();
        if (runs == null || runs.getParent() == null || !Files.isRegularFile(new io.frugal.core.store.RunStore(runs.getParent()).plan())) return true;
        io.frugal.core.store.PlannedRun planned;
        try {
            planned = io.frugal.core.store.Plan.read(runs.getParent()).run(run.runId());
        } catch (RuntimeException e) {
            return true; // no usable plan to check against: the executor checks it
        }
        if (planned == null) return true;
        return io.frugal.harness.exec.Completion.doneOrSetAside(run, planned, m -> {
            out.println("frugal train: " + m);
            out.flush();
        });
    }

    private static String slurmJobId() {
        String array = System.getenv("SLURM_ARRAY_JOB_ID");
        String task = System.getenv("SLURM_ARRAY_TASK_ID");
        if (array != null && task != null) return array + "_" + task;
        return System.getenv("SLURM_JOB_ID");
    }

    /** Intra-op threads {@code n}, one inter-op thread; takes effect only if the engine has not loaded yet. */
    static void configureEngineThreads(int n) {
        // both knobs, since libtorch reads its own
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(n));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    }

    static int defaultThreads() {
        for (String var : new String[] {"FRUGAL_THREADS", "SLURM_CPUS_PER_TASK"}) {
            String v = System.getenv(var);
            if (v != null && v.matches("[1-9][0-9]*")) return Integer.parseInt(v);
        }
        return Runtime.getRuntime().availableProcessors();
    }

    /** The local executor may die (kill -9); its trainers then checkpoint and stop instead of running on unseen. */
    private static void watchParent(StopSignal stop, PrintWriter out) {
        ProcessHandle parent = ProcessHandle.current().parent().orElse(null);
        if (parent == null) return;
        Thread t = new Thread(() -> {
            while (!stop.isRequested()) {
                if (!parent.isAlive()) {
                    out.println("frugal train: the executor (pid " + parent.pid() + ") is gone: saving a checkpoint and stopping");
                    out.flush();
                    stop.request("executor gone");
                    return;
                }
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "parent-watch");
        t.setDaemon(true);
        t.start();
    }
}
