package io.frugal.methods.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frugal.methods.store.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * Times the flow trainer's full-batch step (noise, forward, hand-written backward, Adam) at a
 * given shape, for {@code frugal bench flow}: warm-up steps first, then timed steps, with a hook
 * run between timed steps (the bench runs one step of the Python peer there, so that both sides
 * of a pair see the same machine load). Also splits one step into its parts.
 */
public final class FlowStepTiming {
    private FlowStepTiming() {}

    public record Timing(List<Double> stepSeconds, double noiseSeconds, double lossAndGradientSeconds, double adamSeconds, long trainedValues) {
        public double medianStepSeconds() {
            List<Double> s = new ArrayList<>(stepSeconds);
            s.sort(null);
            int n = s.size();
            return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
        }

        public ObjectNode toJson() {
            ObjectNode o = Json.object().put("median_step_seconds", medianStepSeconds()).put("trained_values", trainedValues)
                    .put("noise_seconds", noiseSeconds).put("loss_and_gradient_seconds", lossAndGradientSeconds).put("adam_seconds", adamSeconds);
            var a = o.putArray("step_seconds");
            stepSeconds.forEach(a::add);
            return o;
        }
    }

    /** Settings of the paper's shape (or any other) for timing: dilated schedule, seed 1. */
    public static FlowSettings shape(int d, int gridSize, int points) {
        return new FlowSettings(d, points, gridSize, 0.8, 1.0, 2.0, Json.object().put("type", "dilated").put("kappa", 2.0), null,
                Integer.MAX_VALUE, 0.01, 1e-5, 1, 1, 0, Integer.MAX_VALUE, Integer.MAX_VALUE, 0);
    }

    public static Timing measure(FlowSettings settings, int warmup, int steps, Runnable between) {
        try (NDManager manager = NDManager.newBaseManager(); FlowTraining training = new FlowTraining(settings, manager, DataType.FLOAT32)) {
            for (int i = 0; i < warmup; i++) training.trainStep();
            List<Double> seconds = new ArrayList<>();
            for (int i = 0; i < steps; i++) {
                long start = System.nanoTime();
                training.trainStep();
                seconds.add((System.nanoTime() - start) / 1e9);
                between.run();
            }
            // one step split into its parts (each part forced to finish before the clock reads)
            double noise;
            double lossGrad;
            double adam;
            try (NDManager scope = manager.newSubManager()) {
                long a = System.nanoTime();
                NDArray x = training.noisedInputs(scope, training.step());
                x.getFloat(0, 0, 0);
                long b = System.nanoTime();
                FlowNetworks.LossAndGradient lg = training.networks.lossAndGradient(x, trainingTarget(training), scope);
                long c = System.nanoTime();
                training.adam.step(lg.gradients());
                training.networks.c.getFloat(0);
                long e = System.nanoTime();
                noise = (b - a) / 1e9;
                lossGrad = (c - b) / 1e9;
                adam = (e - c) / 1e9;
            }
            long values = (long) settings.gridSize() * (2 + 2L * settings.dimension());
            return new Timing(seconds, noise, lossGrad, adam, values);
        }
    }

    private static NDArray trainingTarget(FlowTraining training) {
        return training.target();
    }

    /** {@code java ... FlowStepTiming [d T n steps]}: prints the timing as one JSON line. */
    public static void main(String[] args) {
        int d = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int t = args.length > 1 ? Integer.parseInt(args[1]) : 80;
        int n = args.length > 2 ? Integer.parseInt(args[2]) : 128;
        int steps = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        System.out.println(Json.compact(measure(shape(d, t, n), 2, steps, () -> { }).toJson()));
    }
}
