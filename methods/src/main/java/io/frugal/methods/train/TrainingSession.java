package io.frugal.methods.train;

import io.frugal.core.kind.StopSignal;
import io.frugal.core.kind.Outcome;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frugal.methods.config.RunConfig;
import io.frugal.methods.data.Augmenter;
import io.frugal.methods.data.ImageSet;
import io.frugal.methods.model.HvcNetwork;
import io.frugal.methods.model.HvcSpec;
import io.frugal.core.store.Json;
import io.frugal.core.store.ResultFile;
import io.frugal.core.store.RunDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One process's share of a run: the network, optimiser and weight average in memory, trained epoch
 * by epoch from wherever the checkpoint left off. Every array that lives across batches is created
 * once, in the session's manager; everything a batch creates lives in a sub-manager closed with
 * the batch, so native memory does not grow with the number of batches.
 */
final class TrainingSession {
    private final RunConfig config;
    private final ImageSet train;
    private final ImageSet test;
    private final RunDirectory dir;
    private final TrainOptions options;
    private final NDManager manager;
    private final String configSha256;
    private final HvcNetwork network;
    private final List<Pair<String, Parameter>> allParameters = new ArrayList<>();
    private final List<Pair<String, Parameter>> trained = new ArrayList<>();
    private final ParameterStore trainingStore;
    private final ParameterStore averagedStore;
    private final AdamOptimizer optimizer;
    private final WeightAverage average;
    private final Evaluator evaluator;
    private final Loss loss = Loss.softmaxCrossEntropyLoss();
    private final TrainProgress progress;
    private final MetricsLog metrics;
    private final BatchAssembler batches;
    private final double previousWallSeconds;
    private final long sessionStart;

    TrainingSession(RunConfig config, HvcSpec spec, ImageSet train, ImageSet test, Augmenter augmenter, RunDirectory dir,
                    TrainOptions options, NDManager manager, Checkpoint checkpoint, String configSha256, long sessionStart) {
        this.config = config;
        this.train = train;
        this.test = test;
        this.dir = dir;
        this.options = options;
        this.manager = manager;
        this.configSha256 = configSha256;
        this.sessionStart = sessionStart;
        this.network = HvcNetwork.create(spec, config.seed());
        for (Pair<String, Parameter> p : network.getParameters()) {
            allParameters.add(p);
            if (checkpoint != null) {
                String name = "param/" + p.getKey();
                p.getValue().setInitializer((m, shape, type) -> checkpoint.tensor(name, shape.getShape()).toArray(m));
            }
        }
        network.initialize(manager, DataType.FLOAT32, network.inputShape(config.batchSize()));
        for (Pair<String, Parameter> p : allParameters) {
            if (p.getValue().requiresGradient()) trained.add(p);
        }
        List<Parameter> trainedParameters = trained.stream().map(Pair::getValue).toList();
        optimizer = new AdamOptimizer(manager, trainedParameters.stream().map(Parameter::getArray).toList(), config.optimizer());
        average = new WeightAverage(manager, trainedParameters, config.emaDecay());
        if (checkpoint != null) {
            optimizer.restore(restored(checkpoint, "adam.m/"), restored(checkpoint, "adam.v/"), checkpoint.progress().optimizerSteps);
            average.restore(restored(checkpoint, "ema/"), checkpoint.progress().averageUpdates);
            progress = checkpoint.progress();
            progress.resumes++;
        } else {
            progress = new TrainProgress();
        }
        previousWallSeconds = progress.wallSeconds;
        metrics = MetricsLog.resume(dir.metrics(), progress.completedEpochs);
        trainingStore = new ParameterStore(manager, false);
        averagedStore = average.averagedStore(manager);
        evaluator = new Evaluator(network, augmenter, options.evalBatchSize());
        // one more than a batch: a last batch of one example is merged into the one before
        batches = new BatchAssembler(train, augmenter, config.augment(), config.seed(), config.batchSize() + 1);
    }

    private List<NDArray> restored(Checkpoint checkpoint, String prefix) {
        List<NDArray> out = new ArrayList<>();
        for (Pair<String, Parameter> p : trained) {
            out.add(checkpoint.tensor(prefix + p.getKey(), p.getValue().getShape().getShape()).toArray(manager));
        }
        return out;
    }

    Outcome run(StopSignal stop, TrainingListener listener) {
        int epochs = config.epochs();
        listener.started(epochs, plannedEvaluations(), progress.completedEpochs, progress.batch);
        while (progress.completedEpochs < epochs) {
            if (stop.isRequested()) {
                saveCheckpoint();
                return Outcome.INTERRUPTED;
            }
            if (!trainEpoch(progress.completedEpochs, stop, listener)) return Outcome.INTERRUPTED;
        }
        finish();
        return Outcome.DONE;
    }

    private long plannedEvaluations() {
        return config.schedule().evaluations(config.epochs(), train.count());
    }

    /** Trains (the rest of) epoch {@code epoch}; false if stopped before its end. */
    private boolean trainEpoch(int epoch, StopSignal stop, TrainingListener listener) {
        int[] order = config.schedule().select(config.seed(), epoch, config.epochs(), train.count());
        int[] bounds = BatchPlan.boundaries(order.length, config.batchSize());
        int batches = bounds.length - 1;
        double lr = config.optimizer().lrAt(epoch);
        listener.epochStarted(epoch, config.epochs(), order.length, batches);
        for (int b = progress.batch; b < batches; b++) {
            long start = System.nanoTime();
            int images = bounds[b + 1] - bounds[b];
            double meanLoss = trainBatch(order, bounds[b], images, epoch, b, lr);
            progress.batchTrained(meanLoss, images, seconds(start));
            listener.batchFinished(epoch, b, batches, images, meanLoss);
            if (stop.isRequested()) {
                saveCheckpoint();
                return false;
            }
        }
        if (progress.epochImages != order.length) {
            throw new IllegalStateException("epoch " + (epoch + 1) + " trained " + progress.epochImages + " images, planned " + order.length);
        }
        long evalStart = System.nanoTime();
        double top1 = evaluator.top1(test, averagedStore, manager);
        EpochMetrics m = progress.epochEvaluated(config.schedule().fraction(epoch, config.epochs()), lr, top1, seconds(evalStart));
        metrics.append(m);
        saveCheckpoint();
        // the epoch's native garbage is all freed now: give malloc's free pages back (NativeHeap says why)
        NativeHeap.releaseFreeMemory();
        listener.epochFinished(m);
        return true;
    }

    /** One optimiser step on images {@code order[from .. from+count)}; returns the batch's mean loss. */
    private double trainBatch(int[] order, int from, int count, int epoch, int batch, double lr) {
        double meanLoss;
        try (NDManager scope = manager.newSubManager()) {
            NDList batchData = batches.assemble(order, from, count, epoch, batch, scope);
            NDArray x = batchData.get(0);
            NDArray y = batchData.get(1);
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                NDArray logits = network.forward(trainingStore, new NDList(x), true).singletonOrThrow();
                NDArray value = loss.evaluate(new NDList(y), new NDList(logits));
                collector.backward(value);
                meanLoss = value.getFloat();
            }
            if (!Double.isFinite(meanLoss)) {
                throw new IllegalStateException("training diverged: loss " + meanLoss + " in epoch " + (epoch + 1) + ", batch " + (batch + 1));
            }
            optimizer.step(lr);
            average.update();
        }
        return meanLoss;
    }

    private void saveCheckpoint() {
        progress.wallSeconds = wallSeconds();
        progress.optimizerSteps = optimizer.steps();
        progress.averageUpdates = average.updates();
        Map<String, TensorValues> tensors = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : allParameters) tensors.put("param/" + p.getKey(), TensorValues.of(p.getValue().getArray()));
        for (int i = 0; i < trained.size(); i++) {
            String name = trained.get(i).getKey();
            tensors.put("adam.m/" + name, TensorValues.of(optimizer.firstMoments().get(i)));
            tensors.put("adam.v/" + name, TensorValues.of(optimizer.secondMoments().get(i)));
            tensors.put("ema/" + name, TensorValues.of(average.averages().get(i)));
        }
        Checkpoint.write(dir.checkpoint(), configSha256, progress, tensors);
    }

    /** Writes result.json (last, atomically), then drops the checkpoint unless asked to keep it. */
    private void finish() {
        long planned = plannedEvaluations();
        if (progress.evaluations != planned) {
            throw new IllegalStateException("trained " + progress.evaluations + " evaluations, planned " + planned);
        }
        List<EpochMetrics> epochs = metrics.epochs();
        ObjectNode r = Json.object();
        r.put("status", "done");
        r.put("run_id", dir.runId());
        r.put("experiment", config.experiment());
        r.put("dataset", config.dataset());
        r.put("seed", config.seed());
        r.put("epochs", config.epochs());
        r.put("final_top1", epochs.get(epochs.size() - 1).top1());
        r.put("best_top1", progress.bestTop1);
        r.put("best_epoch", progress.bestEpoch);
        r.put("evaluations", progress.evaluations);
        r.put("planned_evaluations", planned);
        r.put("train_seconds", progress.trainSeconds);
        r.put("eval_seconds", progress.evalSeconds);
        r.put("wall_seconds", wallSeconds());
        r.put("resumes", progress.resumes);
        r.put("finished_at", Instant.now().toString());
        writeModel(epochs.get(epochs.size() - 1).top1());
        ResultFile.write(dir, r);
        if (!options.keepCheckpoint()) {
            try {
                Files.deleteIfExists(dir.checkpoint());
                if (Files.isDirectory(dir.checkpointDir())) {
                    try (var left = Files.list(dir.checkpointDir())) {
                        if (left.findAny().isEmpty()) Files.delete(dir.checkpointDir());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove the checkpoint of finished run " + dir.runId() + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * Leaves the evaluated network in model/ for runs that need it: the weight average of the
     * trained parameters (what every epoch's test top-1 measured), the network's own batch-norm
     * running statistics, and what it takes to rebuild the network and its input.
     */
    private void writeModel(double finalTop1) {
        HvcSpec spec = network.spec();
        ObjectNode d = Json.object();
        d.put("network", "hvc");
        d.put("run_id", dir.runId());
        d.put("dataset", config.dataset());
        d.put("channels", spec.channels());
        d.put("height", spec.height());
        d.put("width", spec.width());
        d.put("classes", spec.classes());
        d.put("convs", spec.convs());
        d.put("width_multiplier", spec.widthMultiplier());
        d.put("weights", "weight average (ema_decay " + config.emaDecay() + ")");
        d.put("final_top1", finalTop1);
        Map<String, NDArray> weights = new LinkedHashMap<>();
        Map<String, NDArray> averaged = new java.util.HashMap<>();
        for (int i = 0; i < trained.size(); i++) averaged.put(trained.get(i).getKey(), average.averages().get(i));
        for (Pair<String, Parameter> p : allParameters) {
            weights.put(p.getKey(), averaged.getOrDefault(p.getKey(), p.getValue().getArray()));
        }
        ModelDirectory.write(dir, d, weights);
    }

    private double wallSeconds() {
        return previousWallSeconds + seconds(sessionStart);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
