package io.frugal.harness.cli;

import io.frugal.harness.bench.HvcBenchmark;
import io.frugal.harness.bench.HvcThroughputBench;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code frugal bench ...}: performance benchmarks. Each prints a table and appends a section to
 * BENCHMARKS.md (machine, command, date, figures). Timings are never pass/fail: they are recorded.
 */
@Command(name = "bench", description = "Performance benchmarks; each prints a table and appends it to BENCHMARKS.md.",
        subcommands = {BenchCommand.Hvc.class})
final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Where the benchmark record lives: the project's BENCHMARKS.md when run through the launcher. */
    static Path defaultOutput() {
        String home = System.getenv("FRUGAL_HOME");
        return (home != null ? Path.of(home) : Path.of("")).resolve("BENCHMARKS.md").toAbsolutePath();
    }

    static Path peerScript(String name) {
        String home = System.getenv("FRUGAL_HOME");
        Path base = home != null ? Path.of(home) : Path.of("");
        Path script = base.resolve("bench/peers").resolve(name);
        // tests run from a module folder, one level below the project
        if (home == null && !Files.isRegularFile(script)) script = Path.of("..").resolve("bench/peers").resolve(name);
        return script.toAbsolutePath().normalize();
    }

    @Command(name = "hvc", description = "HVC training throughput (images/s, real trainer steps with Adam) beside the PyTorch-from-Python peer.")
    static final class Hvc implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--dataset", split = ",", defaultValue = "mnist,cifar10",
                description = "Input shapes, by dataset (default ${DEFAULT-VALUE}); synthetic images of that shape are used.")
        List<String> datasets;

        @Option(names = "--width", defaultValue = "1.0", description = "HVC width multiplier (default ${DEFAULT-VALUE}).")
        double width;

        @Option(names = "--batch", defaultValue = "120", description = "Batch size (default ${DEFAULT-VALUE}, the paper's).")
        int batch;

        @Option(names = "--threads", description = "Compute threads for both sides (default: FRUGAL_THREADS, SLURM_CPUS_PER_TASK or all cores).")
        Integer threads;

        @Option(names = "--warmup", defaultValue = "2", description = "Untimed steps first (default ${DEFAULT-VALUE}).")
        int warmup;

        @Option(names = "--steps", defaultValue = "8", description = "Timed steps per run (default ${DEFAULT-VALUE}).")
        int steps;

        @Option(names = "--repeats", defaultValue = "3", description = "Paired runs per shape (default ${DEFAULT-VALUE}).")
        int repeats;

        @Option(names = "--no-peer", description = "Do not run the PyTorch-from-Python peer.")
        boolean noPeer;

        @Option(names = "--python", defaultValue = "/usr/bin/python3", description = "Python with torch for the peer (default ${DEFAULT-VALUE}).")
        String python;

        @Option(names = "--output", description = "Markdown file to append to (default: the project's BENCHMARKS.md).")
        Path output;

        @Option(names = "--no-record", description = "Print the table only; append nothing.")
        boolean noRecord;

        @Override
        public Integer call() {
            int n = threads != null ? threads : TrainCommand.defaultThreads();
            HvcThroughputBench.Settings settings = new HvcThroughputBench.Settings(datasets, width, batch, n, warmup, steps, repeats);
            HvcBenchmark.validate(settings);
            TrainCommand.configureEngineThreads(n);
            PrintWriter out = spec.commandLine().getOut();
            String command = "frugal " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
            HvcBenchmark.run(settings, noPeer ? null : python, peerScript("hvc_train.py"),
                    noRecord ? null : output != null ? output : defaultOutput(), command.strip(), out);
            return Main.OK;
        }
    }
}
