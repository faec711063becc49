package io.frugal.methods.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;
import io.frugal.core.random.SeededRandom;

/**
 * Uniform initialisation drawn in Java from a {@link SeededRandom} stream, so that a network's
 * initial weights depend only on the run's seed and the parameter's place in the network, never on
 * the engine's random generator, the engine version or the device.
 *
 * <p>Two variance-scaling rules are used: He uniform (limit √(6/fan_in)) for convolution kernels,
 * which feed ReLUs; Glorot uniform (limit √(6/(fan_in+fan_out))) for the capsule weights, whose
 * outputs are sums over capsules (fan_in) and which produce one capsule per class (fan_out). Every
 * one of them is followed by batch normalisation, so the scale mainly sets how large Adam's
 * fixed-size steps are relative to the weights.
 */
final class SeededUniformInitializer implements Initializer {
    /** How the bound of the uniform distribution follows from a parameter's shape. */
    enum Rule { HE, GLOROT }

    private final long seed;
    private final String purpose;
    private final Rule rule;
    private final int fanIn;
    private final int fanOut;

    SeededUniformInitializer(long seed, String purpose, Rule rule, int fanIn, int fanOut) {
        this.seed = seed;
        this.purpose = purpose;
        this.rule = rule;
        this.fanIn = fanIn;
        this.fanOut = fanOut;
    }

    /** Convolution kernel [out, in, kh, kw]: fan_in = in·kh·kw. */
    static SeededUniformInitializer heForKernel(long seed, String purpose, int in, int kernelArea) {
        return new SeededUniformInitializer(seed, purpose, Rule.HE, in * kernelArea, 0);
    }

    double limit() {
        return rule == Rule.HE ? Math.sqrt(6.0 / fanIn) : Math.sqrt(6.0 / (fanIn + fanOut));
    }

    @Override
    public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
        // A fresh stream per call: initialising twice gives the same values.
        SeededRandom rng = SeededRandom.of(seed, "init/" + purpose);
        float[] values = new float[Math.toIntExact(shape.size())];
        double limit = limit();
        for (int i = 0; i < values.length; i++) values[i] = (float) rng.uniform(-limit, limit);
        return manager.create(values, shape).toType(dataType, false);
    }
}
