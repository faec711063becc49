package io.frugal.methods.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frugal.core.store.Json;
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

    /** noiseSeconds: drawing the inputs alone; lossAndGradientSeconds: the gradient pass, which draws them again. */
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
                int block = FlowNetworks.blockSize(settings.gridSize(), settings.points(), settings.dimension());
                for (int from = 0; from < settings.gridSize(); from += block) {
                    try (NDManager blockScope = scope.newSubManager()) {
                        training.noisedInputs(blockScope, training.step(), from, Math.min(settings.gridSize(), from + block)).getFloat(0, 0, 0);
                    }
                }
                long b = System.nanoTime();
                FlowNetworks.LossAndGradient lg = training.networks.lossAndGradient(training.inputs(training.step()), trainingTarget(training), scope);
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

    /**
     * {@code java ... FlowStepTiming d T n steps threads [PEER_SCRIPT]}: prints the DJL timing as one
     * JSON line; with a peer script (bench/peers/flow_train.py) its steps are interleaved with
     * the DJL steps (DJL step, peer step, ...) through the peer's --serve protocol, and the line
     * also holds the peer's step seconds and the median of the per-pair ratios peer / DJL.
     * The harness's bench wires the same protocol through its own peer runner.
     */
    public static void main(String[] args) throws Exception {
        int d = Integer.parseInt(args[0]);
        int t = Integer.parseInt(args[1]);
        int n = Integer.parseInt(args[2]);
        int steps = Integer.parseInt(args[3]);
        int threads = Integer.parseInt(args[4]);
        if (args.length < 6) {
            System.out.println(Json.compact(measure(shape(d, t, n), 2, steps, () -> { }).toJson()));
            return;
        }
        Process peer = new ProcessBuilder("/usr/bin/python3", args[5], "--dimension", Integer.toString(d), "--grid", Integer.toString(t),
                "--points", Integer.toString(n), "--threads", Integer.toString(threads), "--warmup", "2", "--serve")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        var requests = new java.io.PrintWriter(new java.io.OutputStreamWriter(peer.getOutputStream(), java.nio.charset.StandardCharsets.UTF_8), true);
        var replies = new java.io.BufferedReader(new java.io.InputStreamReader(peer.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
        var ready = Json.parse(replies.readLine());
        long values = (long) t * (2 + 2L * d);
        if (ready.path("parameters").asLong() != values) throw new IllegalStateException("the peer trains " + ready + ", not " + values + " values");
        List<Double> peerSeconds = new ArrayList<>();
        Timing timing = measure(shape(d, t, n), 2, steps, () -> {
            requests.println("step");
            try {
                peerSeconds.add(Json.parse(replies.readLine()).path("seconds").asDouble());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        requests.println("quit");
        peer.waitFor();
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < steps; i++) ratios.add(peerSeconds.get(i) / timing.stepSeconds().get(i));
        ObjectNode o = timing.toJson();
        var p = o.putArray("peer_step_seconds");
        peerSeconds.forEach(p::add);
        o.put("median_ratio_peer_over_djl", new Timing(ratios, 0, 0, 0, 0).medianStepSeconds());
        o.put("peer_torch", ready.path("torch").asText());
        System.out.println(Json.compact(o));
    }
}
