package io.frugal.harness.bench;

import java.util.List;

/**
 * One timed training run: images per second over the timed steps (warm-up excluded), the seconds
 * of each timed step, and how many values the optimizer updates (the peer must train as many).
 */
record Throughput(double imagesPerSecond, List<Double> stepSeconds, long trainedParameters) {
    static Throughput of(int batch, List<Double> stepSeconds, long trainedParameters) {
        double total = stepSeconds.stream().mapToDouble(Double::doubleValue).sum();
        return new Throughput(batch * stepSeconds.size() / total, List.copyOf(stepSeconds), trainedParameters);
    }
}
