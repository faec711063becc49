package io.frugal.harness.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frugal.analysis.report.TextTable;
import io.frugal.core.BadInputException;
import io.frugal.methods.data.DatasetLocator;
import io.frugal.methods.data.Datasets;
import io.frugal.harness.exec.TrainerProcess;
import io.frugal.core.store.Json;
import io.frugal.core.store.RunDirectory;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Native memory of a real trainer process across epochs: a {@code frugal train} child (started as
 * the local executor starts it) on a small slice of a real dataset, its resident set sampled when
 * each epoch's metrics line appears, and its peak. A leak of native memory (arrays outliving their
 * batch) shows as growth between an early epoch and the last.
 */
public final class TrainerMemoryBench {
    private static final long POLL_MILLIS = 50;

    public record Settings(String dataset, double width, int epochs, int trainImages, int testImages, int threads) {}

    /** Resident bytes when each epoch's metrics were written (index 0 = epoch 1), and the peak. */
    public record Result(List<Long> residentAfterEpoch, long peakResident, int exitCode, String log, List<String> jvmOptions) {
        /** Growth from epoch {@code from} to the last, in % of epoch {@code from}'s (1-based). */
        public double growthPercent(int from) {
            long a = residentAfterEpoch.get(from - 1);
            long b = residentAfterEpoch.get(residentAfterEpoch.size() - 1);
            return 100.0 * (b - a) / a;
        }
    }

    private TrainerMemoryBench() {}

    /** Checks everything before anything runs or is written. */
    public static void validate(Settings s) {
        Datasets.info(s.dataset());
        if (!(s.width() > 0)) throw new BadInputException("--width must be positive, got " + s.width());
        if (s.epochs() < 2) throw new BadInputException("--epochs must be at least 2 (growth is measured from epoch 2), got " + s.epochs());
        if (s.trainImages() < 2) throw new BadInputException("--train-images must be at least 2, got " + s.trainImages());
        if (s.testImages() < 1) throw new BadInputException("--test-images must be positive, got " + s.testImages());
        if (s.threads() < 1) throw new BadInputException("--threads must be positive, got " + s.threads());
        if (DatasetLocator.system().search(s.dataset()).found().isEmpty()) {
            throw new BadInputException("dataset '" + s.dataset() + "' is not installed (see: frugal data list)");
        }
    }

    /** Trains in a throw-away run directory, printing each epoch's resident memory to {@code log}. */
    public static Result run(Settings s, PrintWriter log) {
        try (WorkDirectory work = WorkDirectory.create("frugal-bench-memory")) {
            return run(s, new RunDirectory(work.path().resolve("run")), log);
        }
    }

    private static Result run(Settings s, RunDirectory run, PrintWriter log) {
        ObjectNode config = (ObjectNode) Json.parse("""
                {"experiment": "bench-memory", "dataset": "%s", "seed": 1, "epochs": %d, "batch_size": 120,
                 "model": {"width": %s}, "schedule": {"type": "full"}, "train_limit": %d, "test_limit": %d, "threads": %d}"""
                .formatted(s.dataset(), s.epochs(), s.width(), s.trainImages(), s.testImages(), s.threads()));
        try {
            Files.createDirectories(run.dir());
            Json.writeAtomically(run.config(), config);
            List<String> jvmOptions = TrainerProcess.jvmOptions(run);
            Process p = TrainerProcess.start(run, true);
            List<Long> perEpoch = new ArrayList<>();
            long peak = 0;
            // The most resident memory seen during the epoch, not a sample at its end: an allocator
            // that hands freed memory back to the system after a delay (jemalloc) makes end-of-epoch
            // samples depend on timing; the epoch's high-water mark does not, and a leak raises it.
            long epochHighWater = 0;
            while (p.isAlive()) {
                var memory = ProcessMemory.of(p.pid());
                if (memory.isPresent()) {
                    peak = Math.max(peak, memory.get().peakResidentBytes());
                    epochHighWater = Math.max(epochHighWater, memory.get().residentBytes());
                    int epochs = metricsLines(run);
                    while (perEpoch.size() < epochs) {
                        perEpoch.add(epochHighWater);
                        log.printf(Locale.ROOT, "epoch %d: resident at most %.1f MiB%n", perEpoch.size(), mib(epochHighWater));
                        log.flush();
                        epochHighWater = memory.get().residentBytes();
                    }
                }
                Thread.sleep(POLL_MILLIS);
            }
            return new Result(perEpoch, peak, p.waitFor(), Files.isRegularFile(run.log()) ? Files.readString(run.log()) : "", jvmOptions);
        } catch (IOException e) {
            throw new UncheckedIOException("memory benchmark in " + run.dir() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static int metricsLines(RunDirectory run) throws IOException {
        if (!Files.isRegularFile(run.metrics())) return 0;
        // a line is complete once its newline is there
        String text = Files.readString(run.metrics());
        return (int) text.chars().filter(c -> c == '\n').count();
    }

    static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }

    public static String table(Settings s, Result r) {
        TextTable t = new TextTable().column("dataset", false).column("width", true).column("epochs", true)
                .column("images/epoch", true).column("max RSS epoch 2 (MiB)", true).column("max RSS last epoch (MiB)", true)
                .column("growth 2→last", true).column("peak RSS (MiB)", true);
        int from = Math.min(2, r.residentAfterEpoch().size());
        t.row(List.of(s.dataset(), Double.toString(s.width()), Integer.toString(s.epochs()), Integer.toString(s.trainImages()),
                String.format(Locale.ROOT, "%.1f", mib(r.residentAfterEpoch().get(from - 1))),
                String.format(Locale.ROOT, "%.1f", mib(r.residentAfterEpoch().get(r.residentAfterEpoch().size() - 1))),
                String.format(Locale.ROOT, "%+.1f%%", r.growthPercent(from)),
                String.format(Locale.ROOT, "%.1f", mib(r.peakResident()))));
        return t.render();
    }

    /** Prints nothing; appends the section for {@code result} to {@code file}. */
    public static void record(Settings s, Result result, String table, String command, String loadBefore, Path file) {
        BenchmarkSection.onThisMachine("Trainer memory", command, loadBefore)
                .fact("trainer JVM options", result.jvmOptions().stream().filter(o -> o.startsWith("-X")).toList().toString()
                        + " (FRUGAL_JAVA_OPTS's -Xmx, else the executor's: a cap sized from the dataset and a fixed young generation)")
                .fact("run", "frugal train child process, " + s.threads() + " threads; resident set (VmRSS) sampled every "
                        + POLL_MILLIS + " ms, per epoch its largest sample; peak = VmHWM")
                .fact("largest resident MiB per epoch", result.residentAfterEpoch().stream()
                        .map(b -> String.format(Locale.ROOT, "%.0f", mib(b))).reduce((a, b) -> a + " " + b).orElse(""))
                .table(table)
                .appendTo(file);
    }
}
