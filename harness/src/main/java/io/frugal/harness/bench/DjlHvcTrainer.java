package io.frugal.harness.bench;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frugal.methods.config.RunConfig;
import io.frugal.methods.data.Augmentations;
import io.frugal.methods.data.Datasets;
import io.frugal.methods.data.LoadedDataset;
import io.frugal.methods.model.HvcNetwork;
import io.frugal.core.store.Json;
import io.frugal.core.store.RunDirectory;
import io.frugal.methods.train.ClassifierTrainer;
import io.frugal.core.kind.StopSignal;
import io.frugal.methods.train.TrainOptions;
import io.frugal.methods.train.TrainingListener;
import java.util.ArrayList;
import java.util.List;

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

    static Throughput measure(HvcShape shape, int warmup, int steps, Runnable afterEachTimedStep) {
        return measure(shape, SyntheticData.of(shape.info(), shape.batch() * (warmup + steps), TEST_IMAGES), warmup, steps, false,
                afterEachTimedStep);
    }

    /**
     * As above on the first {@code (warmup + steps) · batch} training images of {@code data}.
     * {@code afterEachTimedStep} runs between steps, outside the timing (the paired peer's step).
     */
    static Throughput measure(HvcShape shape, LoadedDataset data, int warmup, int steps, boolean augment, Runnable afterEachTimedStep) {
        int batch = shape.batch();
        ObjectNode raw = (ObjectNode) Json.parse("""
                {"experiment": "bench", "dataset": "%s", "seed": 1, "epochs": 1, "batch_size": %d,
                 "model": {"width": %s}, "schedule": {"type": "full"}}""".formatted(shape.dataset(), batch, shape.width()));
        raw.put("augment", augment);
        raw.put("train_limit", batch * (warmup + steps));
        raw.put("test_limit", TEST_IMAGES);
        RunConfig config = RunConfig.parse(raw);
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
                if (b >= warmup) {
                    seconds.add((now - last[0]) / 1e9);
                    afterEachTimedStep.run();
                }
                last[0] = System.nanoTime();
            }
        };
        try (WorkDirectory dir = WorkDirectory.create("frugal-bench")) {
            new ClassifierTrainer().train(config, data, Augmentations.forDataset(shape.dataset(), augment),
                    new RunDirectory(dir.path().resolve("run")), TrainOptions.defaults(), new StopSignal(), timer);
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
}
