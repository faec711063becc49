package io.frugal.harness.cli;

import io.frugal.harness.bench.ByolStepBench;
import io.frugal.harness.bench.HarnessScaleBench;
import io.frugal.harness.bench.FlowStepBench;
import io.frugal.harness.bench.HvcBenchmark;
import io.frugal.harness.bench.HvcThroughputBench;
import io.frugal.harness.bench.MachineInfo;
import io.frugal.harness.bench.PipelineBench;
import io.frugal.harness.bench.RuntimeBench;
import io.frugal.harness.bench.StatusScaleBench;
import io.frugal.harness.bench.TrainerMemoryBench;
import io.frugal.core.store.PlannedRun;
import io.frugal.core.BadInputException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code frugal bench ...}: performance benchmarks. Each prints a table and appends a section to
 * BENCHMARKS.md (machine, command, date, figures). Timings are never pass/fail: they are recorded.
 */
@Command(name = "bench", description = "Performance benchmarks; each prints a table and appends it to BENCHMARKS.md.",
        subcommands = {BenchCommand.Hvc.class, BenchCommand.Pipeline.class, BenchCommand.Memory.class, BenchCommand.Runtime.class,
                BenchCommand.Harness.class, BenchCommand.Status.class, BenchCommand.Flow.class, BenchCommand.Byol.class})
final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static Path peerScript(String name) {
        return projectFile("bench/peers/" + name);
    }

    /** A file of the project: under FRUGAL_HOME when run through the launcher, else here or one level up. */
    static Path projectFile(String relative) {
        String home = System.getenv("FRUGAL_HOME");
        Path base = home != null ? Path.of(home) : Path.of("");
        Path file = base.resolve(relative);
        // tests run from a module folder, one level below the project
        if (home == null && !Files.isRegularFile(file)) file = Path.of("..").resolve(relative);
        return file.toAbsolutePath().normalize();
    }

    /** The network width of the benchmarks that build their own HVC network. */
    static final class Network {
        @Option(names = "--width", defaultValue = "1.0", description = "HVC width multiplier (default ${DEFAULT-VALUE}).")
        double width;
    }

    /** The PyTorch-from-Python peer a benchmark is compared with. */
    static final class Peer {
        @Option(names = "--no-peer", description = "Do not run the PyTorch-from-Python peer.")
        boolean noPeer;

        @Option(names = "--python", defaultValue = "/usr/bin/python3", description = "Python with torch for the peer (default ${DEFAULT-VALUE}).")
        String python;

        /** The interpreter to run the peer with; null with --no-peer. */
        String python() {
            return noPeer ? null : python;
        }
    }

    /** What every benchmark takes: threads, and where its figures are recorded. */
    static final class Common {
        @Option(names = "--threads", description = "Compute threads (default: FRUGAL_THREADS, SLURM_CPUS_PER_TASK or all cores).")
        Integer threads;

        @Option(names = "--output", description = "Markdown file to append to (default: the project's BENCHMARKS.md).")
        Path output;

        @Option(names = "--no-record", description = "Print the table only; append nothing.")
        boolean noRecord;

        int threads() {
            int n = threads != null ? threads : TrainCommand.defaultThreads();
            if (n < 1) throw new BadInputException("--threads must be positive, got " + n);
            return n;
        }

        /** The file to append to, or null with --no-record; by default the project's BENCHMARKS.md when run through the launcher. */
        Path recordFile() {
            if (noRecord) return null;
            if (output != null) return output;
            String home = System.getenv("FRUGAL_HOME");
            return (home != null ? Path.of(home) : Path.of("")).resolve("BENCHMARKS.md").toAbsolutePath();
        }

        static String command(CommandSpec spec) {
            return "frugal " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        }

        /** Appends the bench's section with {@code record} (unless --no-record), then prints the table and where it went. */
        void recordAndPrint(PrintWriter out, String table, Consumer<Path> record) {
            Path file = recordFile();
            if (file != null) record.accept(file);
            out.println();
            out.print(table);
            if (file != null) out.println("frugal bench: appended to " + file);
            out.flush();
        }
    }

    /** How many training steps a throughput figure is taken over. */
    static final class Steps {
        @Option(names = "--warmup", defaultValue = "2", description = "Untimed training steps first (default ${DEFAULT-VALUE}).")
        int warmup;

        @Option(names = "--steps", defaultValue = "8", description = "Timed training steps per repeat (default ${DEFAULT-VALUE}).")
        int steps;

        @Option(names = "--repeats", defaultValue = "3", description = "Repeats, each a fresh trainer (default ${DEFAULT-VALUE}).")
        int repeats;
    }

    @Command(name = "flow", description = "Flow-model training step (all T networks, full batch, Adam) beside the same step in PyTorch from Python, interleaved pairs; the paper-scale run time extrapolated from it.")
    static final class Flow implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Common common;

        @Option(names = "--dimension", defaultValue = "5000", description = "d (default ${DEFAULT-VALUE}, the paper's).")
        int dimension;

        @Option(names = "--grid", defaultValue = "80", description = "T, networks (default ${DEFAULT-VALUE}).")
        int grid;

        @Option(names = "--points", defaultValue = "128", description = "n, training points (default ${DEFAULT-VALUE}).")
        int points;

        @Option(names = "--warmup", defaultValue = "2", description = "Untimed steps first, on both sides (default ${DEFAULT-VALUE}).")
        int warmup;

        @Option(names = "--steps", defaultValue = "8", description = "Timed step pairs (default ${DEFAULT-VALUE}).")
        int steps;

        @Mixin
        Peer peer;

        @Override
        public Integer call() {
            int n = common.threads();
            if (dimension < 1 || grid < 1 || points < 1 || steps < 1 || warmup < 0) {
                throw new BadInputException("--dimension, --grid, --points and --steps must be positive and --warmup at least 0");
            }
            TrainCommand.configureEngineThreads(n);
            FlowStepBench.run(new FlowStepBench.Settings(dimension, grid, points, n, warmup, steps), peer.python(),
                    peerScript("flow_train.py"), common.recordFile(), Common.command(spec), spec.commandLine().getOut());
            return Main.OK;
        }
    }

    @Command(name = "byol", description = "BYOL training step (ResNet-18 CIFAR stem, two views, AdamW, target update) beside the same step in PyTorch from Python, interleaved pairs; then the time to build ReLA targets.")
    static final class Byol implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Common common;

        @Option(names = "--width", defaultValue = "1.0", description = "ResNet-18 width multiplier (default ${DEFAULT-VALUE}, the published network).")
        double width;

        @Option(names = "--batch", defaultValue = "128", description = "Batch size, per view (default ${DEFAULT-VALUE}).")
        int batch;

        @Option(names = "--warmup", defaultValue = "1", description = "Untimed steps first, on each side (default ${DEFAULT-VALUE}).")
        int warmup;

        @Option(names = "--pairs", defaultValue = "4", description = "Timed step pairs (default ${DEFAULT-VALUE}; a full-width step takes seconds).")
        int pairs;

        @Option(names = "--peer-onednn", defaultValue = "both",
                description = "The peer's mkldnn: off (like frugal), on (PyTorch's default), or both, one peer of each in every pair (default ${DEFAULT-VALUE}).")
        String peerOnednn;

        @Option(names = "--peer-tuned", description = "Give the peer the trainer's allocator and OpenMP settings (default: PyTorch's own defaults).")
        boolean peerTuned;

        @Option(names = "--no-step", description = "Skip the step pairs (target stage only).")
        boolean noStep;

        @Option(names = "--target-images", split = ",", defaultValue = "50000",
                description = "Image counts of the target stage, comma-separated (default ${DEFAULT-VALUE}, CIFAR's training set); 0 skips it.")
        List<Integer> targetImages;

        @Option(names = "--target-width", description = "Width of the ResNet-18 prior in the target stage (default: --width).")
        Double targetWidth;

        @Mixin
        Peer peer;

        @Override
        public Integer call() {
            int n = common.threads();
            List<Integer> images = targetImages.equals(List.of(0)) ? List.of() : targetImages;
            ByolStepBench.Settings settings = new ByolStepBench.Settings(width, batch, n, warmup, pairs, peerOnednn, peerTuned, !noStep, images,
                    targetWidth != null ? targetWidth : width);
            ByolStepBench.validate(settings);
            TrainCommand.configureEngineThreads(n);
            ByolStepBench.run(settings, peer.python(), peerScript("byol_train.py"), common.recordFile(), Common.command(spec),
                    spec.commandLine().getOut());
            return Main.OK;
        }
    }

    @Command(name = "hvc", description = "HVC training throughput (images/s, real trainer steps with Adam) beside the PyTorch-from-Python peer.")
    static final class Hvc implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Common common;

        @Mixin
        Network network;

        @Mixin
        Steps steps;

        @Option(names = "--dataset", split = ",", defaultValue = "mnist,cifar10",
                description = "Input shapes, by dataset (default ${DEFAULT-VALUE}); synthetic images of that shape are used.")
        List<String> datasets;

        @Option(names = "--batch", defaultValue = "120", description = "Batch size (default ${DEFAULT-VALUE}, the paper's).")
        int batch;

        @Mixin
        Peer peer;

        @Option(names = "--peer-tuned", description = "Give the peer the trainer's allocator and OpenMP settings (default: PyTorch's own defaults).")
        boolean peerTuned;

        @Override
        public Integer call() {
            int n = common.threads();
            HvcThroughputBench.Settings settings = new HvcThroughputBench.Settings(datasets, network.width, batch, n, steps.warmup, steps.steps,
                    steps.repeats);
            HvcBenchmark.validate(settings);
            TrainCommand.configureEngineThreads(n);
            HvcBenchmark.run(settings, peer.python(), peerTuned, peerScript("hvc_train.py"), common.recordFile(),
                    Common.command(spec), spec.commandLine().getOut());
            return Main.OK;
        }
    }

    @Command(name = "pipeline", description = "Data path overhead: batch assembly with augmentation over an epoch of a real dataset, against the training step.")
    static final class Pipeline implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Common common;

        @Mixin
        Network network;

        @Mixin
        Steps steps;

        @Option(names = "--dataset", defaultValue = "fashion-mnist", description = "An installed dataset (default ${DEFAULT-VALUE}).")
        String dataset;

        @Override
        public Integer call() {
            int n = common.threads();
            PipelineBench.Settings settings = new PipelineBench.Settings(dataset, network.width, steps.warmup, steps.steps, steps.repeats);
            PipelineBench.validate(settings);
            TrainCommand.configureEngineThreads(n);
            PrintWriter out = spec.commandLine().getOut();
            String load = MachineInfo.loadAverage();
            PipelineBench.Result result = PipelineBench.run(settings, out);
            String table = PipelineBench.table(settings, result);
            common.recordAndPrint(out, table, file -> PipelineBench.record(settings, result, table, Common.command(spec), load, file));
            return Main.OK;
        }
    }

    @Command(name = "memory", description = "Resident memory of a real trainer process per epoch: peak, and growth from epoch 2 to the last (a native leak shows here).")
    static final class Memory implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Common common;

        @Mixin
        Network network;

        @Option(names = "--dataset", defaultValue = "fashion-mnist", description = "An installed dataset (default ${DEFAULT-VALUE}).")
        String dataset;

        @Option(names = "--epochs", defaultValue = "20", description = "Epochs (default ${DEFAULT-VALUE}).")
        int epochs;

        @Option(names = "--train-images", defaultValue = "240", description = "Training images per epoch (default ${DEFAULT-VALUE}: two batches).")
        int trainImages;

        @Option(names = "--test-images", defaultValue = "120", description = "Test images evaluated per epoch (default ${DEFAULT-VALUE}).")
        int testImages;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            TrainerMemoryBench.Settings settings = new TrainerMemoryBench.Settings(dataset, network.width, epochs, trainImages, testImages,
                    common.threads());
            TrainerMemoryBench.validate(settings);
            String load = MachineInfo.loadAverage();
            TrainerMemoryBench.Result result = TrainerMemoryBench.run(settings, out);
            if (result.exitCode() != 0 || result.residentAfterEpoch().size() != epochs) {
                spec.commandLine().getErr().println("frugal bench memory: the trainer exited with " + result.exitCode() + " after "
                        + result.residentAfterEpoch().size() + " of " + epochs + " epochs; its log:\n" + result.log());
                return Main.FAILED;
            }
            String table = TrainerMemoryBench.table(settings, result);
            common.recordAndPrint(out, table, file -> TrainerMemoryBench.record(settings, result, table, Common.command(spec), load, file));
            return Main.OK;
        }
    }

    @Command(name = "runtime", description = "Train seconds of some experiments against the baseline's, as a ratio to their evaluation ratios (goal: 1 ± 0.05).")
    static final class Runtime implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Common common;

        @Parameters(index = "0", arity = "0..1", description = "Manifest (default: the project's manifests/quickstart.yaml).")
        Path manifest;

        @Option(names = "--experiments", split = ",", defaultValue = "baseline,step-E3,step-E7,cut-k9",
                description = "Experiments to time, the manifest's baseline first (default ${DEFAULT-VALUE}).")
        List<String> experiments;

        @Option(names = "--set", description = "Override a config value of every run, as in frugal plan (e.g. train_limit=1800); repeatable.")
        List<String> sets = new ArrayList<>();

        @Option(names = "--repeats", defaultValue = "1", description = "Rotations: times each run is trained, every other rotation in reverse order (default ${DEFAULT-VALUE}; use an even number).")
        int repeats;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Path file = manifest != null ? manifest : projectFile("manifests/quickstart.yaml");
            RuntimeBench.Settings settings = new RuntimeBench.Settings(file, experiments, sets, repeats, common.threads());
            List<PlannedRun> runs = RuntimeBench.plan(settings);
            String load = MachineInfo.loadAverage();
            List<RuntimeBench.Timed> timed = RuntimeBench.run(settings, runs, out);
            String table = RuntimeBench.table(timed);
            common.recordAndPrint(out, table, md -> RuntimeBench.record(settings, timed, table, Common.command(spec), load, md));
            return Main.OK;
        }
    }

    @Command(name = "harness", description = "Plan, render and write the run store of a generated many-run manifest, then report over it with synthetic results (seconds per stage).")
    static final class Harness implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Common common;

        @Option(names = "--runs", defaultValue = "100000", description = "Runs in the generated manifest, a multiple of 5 (default ${DEFAULT-VALUE}).")
        int runs;

        @Option(names = "--report", negatable = true, description = "Also write synthetic results and read and report the store"
                + " (default: up to " + HarnessScaleBench.REPORT_BY_DEFAULT_UP_TO + " runs).")
        Boolean report;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            HarnessScaleBench.validate(runs);
            String load = MachineInfo.loadAverage();
            boolean withReport = report != null ? report : runs <= HarnessScaleBench.REPORT_BY_DEFAULT_UP_TO;
            String table = HarnessScaleBench.table(HarnessScaleBench.run(runs, withReport, out));
            common.recordAndPrint(out, table, file -> HarnessScaleBench.record(runs, table, Common.command(spec), load, file));
            return Main.OK;
        }
    }

    @Command(name = "status", description = "frugal status on a SLURM submission of many runs (synthetic store, sacct replayed): the first call and later ones.")
    static final class Status implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Common common;

        @Option(names = "--runs", defaultValue = "100000", description = "Runs in the store, a multiple of 5 (default ${DEFAULT-VALUE}).")
        int runs;

        @Option(names = "--arrays", defaultValue = "100", description = "Job arrays the runs were submitted as (default ${DEFAULT-VALUE}).")
        int arrays;

        @Option(names = "--later-calls", defaultValue = "2", description = "Timed calls of status --summary after the first (default ${DEFAULT-VALUE}).")
        int laterCalls;

        @Option(names = "--java-option", paramLabel = "OPTION", description = "A JVM option of every timed status call (repeatable), e.g. a flight recording.")
        List<String> javaOptions = new ArrayList<>();

        @Option(names = "--cli-classpath", paramLabel = "CLASSPATH", description = "Time the CLI of this class path (e.g. a build before a change) instead of this one's.")
        String classPath;

        @Option(names = "--keep", paramLabel = "DIR", description = "Build the store in DIR (must not exist) and keep it, with the replay scripts and each call's output.")
        Path keep;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            StatusScaleBench.Options o = new StatusScaleBench.Options(runs, arrays, laterCalls, javaOptions, classPath, keep);
            StatusScaleBench.validate(o);
            String load = MachineInfo.loadAverage();
            List<StatusScaleBench.Call> calls = StatusScaleBench.run(o, out);
            String table = StatusScaleBench.table(calls);
            common.recordAndPrint(out, table, file -> StatusScaleBench.record(o, calls, table, Common.command(spec), load, file));
            return Main.OK;
        }
    }
}
