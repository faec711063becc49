package io.frugal.methods.train;

import io.frugal.core.kind.StopSignal;
import io.frugal.core.kind.Outcome;
import io.frugal.methods.config.RunConfig;
import io.frugal.methods.data.Datasets;
import io.frugal.methods.data.LoadedDataset;
import io.frugal.core.store.Json;
import io.frugal.core.store.RunDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Not a test: measures training-step throughput of the real trainer on 28x28 synthetic images.
 * Usage: {@code java -cp ... io.frugal.methods.train.TrainStepBenchmark WIDTH [BATCHES]}; set
 * {@code -Dai.djl.pytorch.num_threads=N} for the thread count. Prints engine start-up time and
 * images/s per timed batch (the first two batches are warm-up and are not counted).
 */
public final class TrainStepBenchmark {
    public static void main(String[] args) throws Exception {
        double width = Double.parseDouble(args[0]);
        int batches = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int batch = 120;
        long t0 = System.nanoTime();
        try (var m = ai.djl.ndarray.NDManager.newBaseManager()) {
            m.zeros(new ai.djl.ndarray.types.Shape(1)).close();
        }
        double startup = (System.nanoTime() - t0) / 1e9;
        LoadedDataset data = SyntheticBlobs.dataset(batch * (batches + 2), 10);
        RunConfig config = RunConfig.parse(Json.parse("""
                {"experiment": "bench", "dataset": "mnist", "seed": 1, "epochs": 1, "batch_size": %d,
                 "model": {"width": %s}, "schedule": {"type": "full"}}""".formatted(batch, width)));
        Path dir = Files.createTempDirectory("frugal-bench");
        List<Double> seconds = new ArrayList<>();
        long[] last = {System.nanoTime()};
        new ClassifierTrainer().train(config, data, new SyntheticBlobs.Normalising(), new RunDirectory(dir.resolve("run")),
                TrainOptions.defaults(), new StopSignal(), new TrainingListener() {
                    @Override
                    public void epochStarted(int epoch, int epochs, int images, int n) {
                        last[0] = System.nanoTime();
                    }

                    @Override
                    public void batchFinished(int epoch, int b, int n, int images, double loss) {
                        long now = System.nanoTime();
                        seconds.add((now - last[0]) / 1e9);
                        last[0] = now;
                    }
                });
        System.out.println("per-batch seconds: " + seconds);
        List<Double> timed = seconds.subList(2, seconds.size());
        double total = timed.stream().mapToDouble(Double::doubleValue).sum();
        double min = timed.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        double max = timed.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        System.out.printf("width %.3f batch %d threads %s: engine start %.2f s; %.1f images/s mean over %d batches "
                        + "(fastest batch %.1f, slowest %.1f images/s)%n", width, batch,
                System.getProperty("ai.djl.pytorch.num_threads", "default"), startup, timed.size() * batch / total,
                timed.size(), batch / min, batch / max);
    }
}
