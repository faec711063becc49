package io.frugal.methods.flowimages;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frugal.core.BadInputException;
import io.frugal.core.kind.StopSignal;
import io.frugal.core.random.SeededRandom;
import io.frugal.core.store.Json;
import io.frugal.core.store.MetricsFile;
import io.frugal.core.store.RunDirectory;
import io.frugal.methods.train.TensorFile;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains the denoiser with ε-prediction: per step a batch of training images x0 (the epoch's
 * seeded order), diffusion times s from the time sampling, noise ε, x_s = √(1 − τ²)·ε + τ·x0, and
 * the loss mean((ε̂(x_s, s) − ε)²), AdamW with warm-up and cosine decay. Every random draw comes
 * from a stream named by (seed, purpose, epoch or step), and the checkpoint (after every epoch, and
 * after the batch in flight on a stop) holds the weights, AdamW's moments and the position, so a
 * resumed run computes the same floats as an uninterrupted one.
 */
final class DenoiserTraining {
    private final FlowImagesConfig config;
    private final TwoClassImages train;
    private final RunDirectory dir;
    private final NDManager manager;
    private final String configSha256;
    private final VpSchedule schedule = VpSchedule.PAPER;
    final Denoiser network;
    private final List<Pair<String, Parameter>> parameters = new ArrayList<>();
    private final AdamW optimizer;
    private final ParameterStore store;
    private final List<JsonNode> metrics = new ArrayList<>();
    int completedEpochs;
    private int batchInEpoch;
    private double epochLossSum;
    double trainSeconds;
    double previousWallSeconds;
    int resumes;

    DenoiserTraining(FlowImagesConfig config, TwoClassImages train, RunDirectory dir, NDManager manager, String configSha256) {
        this.config = config;
        this.train = train;
        this.dir = dir;
        this.manager = manager;
        this.configSha256 = configSha256;
        TensorFile.Contents checkpoint = dir.hasCheckpoint() ? TensorFile.read(dir.checkpoint()) : null;
        if (checkpoint != null && !configSha256.equals(checkpoint.meta().path("config_sha256").asText())) {
            throw new BadInputException(dir.checkpoint() + " was written for a different config than " + dir.config()
                    + "; delete the checkpoint to restart the run");
        }
        network = new Denoiser(config.channels(), config.timeFeatures());
        for (Pair<String, Parameter> p : network.getParameters()) {
            parameters.add(p);
            String name = p.getKey();
            p.getValue().setInitializer((m, shape, type) -> checkpoint != null
                    ? checkpoint.tensor(dir.checkpoint(), "param/" + name, shape.getShape()).toArray(m)
                    : initial(m, name, shape));
        }
        int side = config.imageSize();
        network.initialize(manager, DataType.FLOAT32, new Shape(config.batchSize(), 1, side, side),
                new Shape(config.batchSize(), config.timeFeatures()));
        optimizer = new AdamW(manager, parameters.stream().map(p -> p.getValue().getArray()).toList(), config.weightDecay());
        store = new ParameterStore(manager, false);
        if (checkpoint != null) {
            JsonNode meta = checkpoint.meta();
            List<float[]> m = new ArrayList<>();
            List<float[]> v = new ArrayList<>();
            for (Pair<String, Parameter> p : parameters) {
                long[] shape = p.getValue().getArray().getShape().getShape();
                m.add(checkpoint.tensor(dir.checkpoint(), "adamw.m/" + p.getKey(), shape).values());
                v.add(checkpoint.tensor(dir.checkpoint(), "adamw.v/" + p.getKey(), shape).values());
            }
            optimizer.restore(m, v, meta.path("optimizer_steps").asLong());
            completedEpochs = meta.path("completed_epochs").asInt();
            batchInEpoch = meta.path("batch_in_epoch").asInt();
            epochLossSum = meta.path("epoch_loss_sum").asDouble();
            trainSeconds = meta.path("train_seconds").asDouble();
            previousWallSeconds = meta.path("wall_seconds").asDouble();
            resumes = meta.path("resumes").asInt() + 1;
            List<String> lines = MetricsFile.lines(dir.metrics());
            // a kill between the metrics write and the checkpoint write leaves one line more
            for (int i = 0; i < Math.min(completedEpochs, lines.size()); i++) metrics.add(Json.parse(lines.get(i)));
        }
    }

    /** PyTorch's default layer initialisation, U(−1/√fan_in, 1/√fan_in) for weights, from the run's seed; biases 0. */
    private NDArray initial(NDManager m, String name, Shape shape) {
        float[] values = new float[Math.toIntExact(shape.size())];
        if (name.endsWith("weight")) {
            long fanIn = shape.size() / shape.get(0);
            double bound = 1 / Math.sqrt(fanIn);
            SeededRandom r = SeededRandom.of(config.seed(), "flow-images-init/" + name);
            for (int i = 0; i < values.length; i++) values[i] = (float) r.uniform(-bound, bound);
        }
        return m.create(values, shape);
    }

    long optimizerSteps() {
        return optimizer.steps;
    }

    List<JsonNode> metrics() {
        return metrics;
    }

    /** Trains (the rest of) every epoch; false if stopped (a checkpoint is written then). */
    boolean run(StopSignal stop, PrintWriter out, long sessionStart) {
        while (completedEpochs < config.epochs()) {
            if (stop.isRequested()) {
                saveCheckpoint(sessionStart);
                return false;
            }
            int epoch = completedEpochs;
            int[] order = SeededRandom.of(config.seed(), "flow-images-order", epoch).permutation(train.count());
            long epochStart = System.nanoTime();
            double lr = 0;
            for (int b = batchInEpoch; b < config.stepsPerEpoch(); b++) {
                long step = (long) epoch * config.stepsPerEpoch() + b;
                lr = AdamW.lrAt(config.lr(), step, config.warmupSteps(), config.totalSteps());
                epochLossSum += step(order, b, step, lr);
                batchInEpoch = b + 1;
                if (stop.isRequested() && batchInEpoch < config.stepsPerEpoch()) {
                    trainSeconds += (System.nanoTime() - epochStart) / 1e9;
                    saveCheckpoint(sessionStart);
                    return false;
                }
            }
            trainSeconds += (System.nanoTime() - epochStart) / 1e9;
            ObjectNode line = Json.object();
            line.put("epoch", epoch + 1);
            line.put("steps", optimizer.steps);
            line.put("images", optimizer.steps * config.batchSize());
            line.put("loss", epochLossSum / config.stepsPerEpoch());
            line.put("lr", lr);
            line.put("train_seconds", trainSeconds);
            metrics.add(line);
            MetricsFile.write(dir.metrics(), metrics);
            completedEpochs++;
            batchInEpoch = 0;
            epochLossSum = 0;
            saveCheckpoint(sessionStart);
            out.printf("frugal train: epoch %d/%d  loss %.5f  lr %.3g  %.1f s%n", epoch + 1, config.epochs(), line.path("loss").asDouble(),
                    lr, trainSeconds);
            out.flush();
        }
        return true;
    }

    private double step(int[] order, int batch, long step, double lr) {
        int size = train.size();
        int n = config.batchSize();
        double[] times = config.timeSampling().draw(n, SeededRandom.of(config.seed(), "flow-images-times", step));
        SeededRandom noise = SeededRandom.of(config.seed(), "flow-images-noise", step);
        float[] eps = new float[n * size];
        float[] xs = new float[n * size];
        for (int i = 0; i < n; i++) {
            int image = order[batch * n + i];
            double tau = schedule.tau(times[i]);
            double sd = Math.sqrt(1 - tau * tau);
            for (int j = 0; j < size; j++) {
                float e = (float) noise.nextGaussian();
                eps[i * size + j] = e;
                xs[i * size + j] = (float) (sd * e + tau * train.pixels()[image * size + j]);
            }
        }
        int side = train.side();
        double loss;
        try (NDManager scope = manager.newSubManager()) {
            NDArray x = scope.create(xs, new Shape(n, 1, side, side));
            NDArray t = scope.create(Denoiser.timeFeatures(times, config.timeFeatures()), new Shape(n, config.timeFeatures()));
            NDArray target = scope.create(eps, new Shape(n, 1, side, side));
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                NDArray predicted = network.forward(store, new NDList(x, t), true).singletonOrThrow();
                NDArray value = predicted.sub(target).square().mean();
                collector.backward(value);
                loss = value.getFloat();
            }
            if (!Double.isFinite(loss)) throw new IllegalStateException("denoiser training diverged: loss " + loss + " at step " + (step + 1));
            optimizer.step(lr);
        }
        return loss;
    }

    private void saveCheckpoint(long sessionStart) {
        ObjectNode meta = Json.object();
        meta.put("config_sha256", configSha256);
        meta.put("completed_epochs", completedEpochs);
        meta.put("batch_in_epoch", batchInEpoch);
        meta.put("optimizer_steps", optimizer.steps);
        meta.put("epoch_loss_sum", epochLossSum);
        meta.put("train_seconds", trainSeconds);
        meta.put("wall_seconds", wallSeconds(sessionStart));
        meta.put("resumes", resumes);
        TensorFile.write(dir.checkpoint(), meta, arrays(true));
    }

    double wallSeconds(long sessionStart) {
        return previousWallSeconds + (System.nanoTime() - sessionStart) / 1e9;
    }

    /** The weights by name (and AdamW's moments, for a checkpoint). */
    Map<String, NDArray> arrays(boolean withOptimizer) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : parameters) out.put((withOptimizer ? "param/" : "") + p.getKey(), p.getValue().getArray());
        if (withOptimizer) {
            for (int i = 0; i < parameters.size(); i++) {
                out.put("adamw.m/" + parameters.get(i).getKey(), optimizer.m.get(i));
                out.put("adamw.v/" + parameters.get(i).getKey(), optimizer.v.get(i));
            }
        }
        return out;
    }

    ParameterStore store() {
        return store;
    }

    static ArrayNode numbers(double[] values) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        for (double v : values) a.add(v);
        return a;
    }
}
