package io.frugal.harness.bench;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.frugal.analysis.report.TextTable;
import io.frugal.core.BadInputException;
import io.frugal.methods.data.Augmentations;
import io.frugal.methods.data.DatasetLoader;
import io.frugal.methods.data.DatasetLocator;
import io.frugal.methods.data.Datasets;
import io.frugal.methods.data.LoadedDataset;
import io.frugal.core.random.SeededRandom;
import io.frugal.methods.train.BatchAssembler;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the data path costs a training epoch: the trainer's own {@link BatchAssembler} (stored
 * bytes → augmented float batch → input arrays) timed over a whole epoch of a real dataset, against
 * the trainer's step time on the same data. Training on tensors already in memory would save the
 * assembly time and nothing else, so the overhead is assembly / (step − assembly). Decoding the
 * dataset's files happens once per process and is reported on its own.
 */
public final class PipelineBench {
    public record Settings(String dataset, double width, int warmup, int steps, int repeats) {}

    public record Result(double decodeSeconds, int images, Spread assemblyMillisPerBatch, Spread stepSecondsPerBatch, Spread overheadPercent) {}

    private static final int BATCH = 120;

    private PipelineBench() {}

    public static void validate(Settings s) {
        Datasets.info(s.dataset());
        if (!(s.width() > 0)) throw new BadInputException("--width must be positive, got " + s.width());
        if (s.warmup() < 0) throw new BadInputException("--warmup must be at least 0, got " + s.warmup());
        if (s.steps() < 1) throw new BadInputException("--steps must be positive, got " + s.steps());
        if (s.repeats() < 1) throw new BadInputException("--repeats must be positive, got " + s.repeats());
        if (DatasetLocator.system().search(s.dataset()).found().isEmpty()) {
            throw new BadInputException("dataset '" + s.dataset() + "' is not installed (see: frugal data list)");
        }
    }

    public static Result run(Settings s, PrintWriter log) {
        long t0 = System.nanoTime();
        LoadedDataset data = DatasetLoader.system().load(s.dataset());
        double decode = (System.nanoTime() - t0) / 1e9;
        HvcShape shape = new HvcShape(s.dataset(), s.width(), BATCH);
        int images = data.train().count();
        List<Double> assembly = new ArrayList<>();
        List<Double> step = new ArrayList<>();
        List<Double> overhead = new ArrayList<>();
        for (int r = 0; r < s.repeats(); r++) {
            double a = assemblySecondsPerBatch(data, r);
            Throughput t = DjlHvcTrainer.measure(shape, data, s.warmup(), s.steps(), true, () -> { });
            double stepSeconds = BATCH / t.imagesPerSecond();
            assembly.add(a * 1000);
            step.add(stepSeconds);
            overhead.add(100 * a / (stepSeconds - a));
            log.printf(Locale.ROOT, "%s repeat %d/%d: batch assembly %.2f ms, training step %.3f s, overhead %.2f%%%n",
                    s.dataset(), r + 1, s.repeats(), a * 1000, stepSeconds, 100 * a / (stepSeconds - a));
            log.flush();
        }
        return new Result(decode, images, Spread.of(assembly), Spread.of(step), Spread.of(overhead));
    }

    /** Mean seconds to assemble one augmented batch, over a whole epoch in a random order. */
    private static double assemblySecondsPerBatch(LoadedDataset data, int repeat) {
        int n = data.train().count();
        int[] order = SeededRandom.of(repeat, "bench-order").permutation(n);
        BatchAssembler assembler = new BatchAssembler(data.train(), Augmentations.forDataset(data.info().name(), true), true, 1, BATCH);
        int batches = 0;
        long start = System.nanoTime();
        try (NDManager manager = NDManager.newBaseManager()) {
            for (int from = 0; from + BATCH <= n; from += BATCH, batches++) {
                try (NDManager scope = manager.newSubManager()) {
                    NDList batch = assembler.assemble(order, from, BATCH, 0, batches, scope);
                    batch.close();
                }
            }
        }
        return (System.nanoTime() - start) / 1e9 / batches;
    }

    public static String table(Settings s, Result r) {
        TextTable t = new TextTable().column("dataset", false).column("images", true).column("width", true).column("decode once (s)", true)
                .column("assembly + augmentation (ms/batch)", true).column("training step (s/batch)", true).column("data path overhead", true);
        t.row(List.of(s.dataset(), Integer.toString(r.images()), Double.toString(s.width()), String.format(Locale.ROOT, "%.2f", r.decodeSeconds()),
                r.assemblyMillisPerBatch().format(2), r.stepSecondsPerBatch().format(3), r.overheadPercent().format(2) + " %"));
        return t.render();
    }

    public static void record(Settings s, Result r, String table, String command, String loadBefore, java.nio.file.Path file) {
        BenchmarkSection.onThisMachine("Data pipeline overhead", command, loadBefore)
                .fact("runs", s.repeats() + " repeats; assembly timed over a whole epoch (batch " + BATCH + ", augmentation on), step over "
                        + s.warmup() + " warm-up + " + s.steps() + " timed steps of the trainer on the same data; median [min–max]")
                .table(table)
                .appendTo(file);
    }
}
