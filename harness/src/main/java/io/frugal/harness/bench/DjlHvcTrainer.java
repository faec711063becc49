package io.frugal.harness.bench;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frugal.methods.config.RunConfig;
import io.frugal.methods.data.Augmentations;
import io.frugal.methods.data.Datasets;
import io.frugal.methods.data.LoadedDataset;
import io.frugal.methods.model.HvcNetwork;
import io.frugal.methods.store.Json;
import io.frugal.methods.store.RunDirectory;
import io.frugal.methods.train.ClassifierTrainer;
import io.frugal.methods.train.StopSignal;
import io.frugal.methods.train.TrainOptions;
import io.frugal.methods.train.TrainingListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Times the product's own training step: {@link ClassifierTrainer} on one epoch of
 * {@code warmup + steps} batches of synthetic images, in a throw-away run directory. Each timed
 * step is what a real run does per batch (batch assembly, forward, loss, backward, Adam, weight
 * average); the evaluation and checkpoint after the epoch are not timed.
 */
final class DjlHvcTrainer {
    /** Evaluation after the epoch is not timed; a small test set keeps it short. */
    private static final int TEST_IMAGES = 120;

    private DjlHvcTrainer() {}

    static Throughput measure(HvcShape shape, int warmup, int steps, boolean augment) {
        int batch = shape.batch();
        LoadedDataset data = SyntheticData.of(shape.info(), batch * (warmup + steps), TEST_IMAGES);
        ObjectNode raw = (ObjectNode) Json.parse("""
                {"experiment": "bench", "dataset": "%s", "seed": 1, "epochs": 1, "batch_size": %d,
                 "model": {"width": %s}, "schedule": {"type": "full"}}""".formatted(shape.dataset(), batch, shape.width()));
        raw.put("augment", augment);
        RunConfig config = RunConfig.parse(raw, Datasets.names());
        List<Double> seconds = new ArrayList<>();
        long[] last = {0};
        TrainingListener timer = new TrainingListener() {
            @Override
            public void epochStarted(int epoch, int epochs, int images, int batches) {
                last[0] = System.nanoTime();
            }

            @Override
            public void batchFinished(int epoch, int b, int batches, int images, double loss) {
                long now = System.nanoTime();
                if (b >= warmup) seconds.add((now - last[0]) / 1e9);
                last[0] = now;
            }
        };
        Path dir = temporaryDirectory();
        try {
            new ClassifierTrainer().train(config, data, Augmentations.forDataset(shape.dataset(), augment),
                    new RunDirectory(dir.resolve("run")), TrainOptions.defaults(), new StopSignal(), timer);
        } finally {
            deleteTree(dir);
        }
        return Throughput.of(batch, seconds, trainedParameters(shape));
    }

    static long trainedParameters(HvcShape shape) {
        HvcNetwork network = HvcNetwork.create(shape.spec(), 1);
        try (NDManager manager = NDManager.newBaseManager()) {
            network.initialize(manager, DataType.FLOAT32, network.inputShape(shape.batch()));
            return HvcNetwork.trainableParameterCount(network);
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("frugal-bench");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary run directory: " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + dir + ": " + e.getMessage(), e);
        }
    }
}
