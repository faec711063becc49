package io.frugal.methods.rela;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;
import io.frugal.core.random.SeededRandom;

/**
 * Initial weights drawn in Java from {@link SeededRandom}, keyed by (seed, "init/" + the parameter's
 * path in the network), so a network's starting point depends only on the run's seed: the same on
 * every engine version, device and machine, and unchanged when unrelated layers are added elsewhere.
 *
 * <p>Two rules, the ones the published ResNet/BYOL code bases start from, so that learning-rate
 * settings taken from the paper mean the same here:
 * <ul>
 *   <li>convolutions: Kaiming (He) <em>normal</em>, fan-out mode, gain √2 (std = √(2 / (out·kh·kw))),
 *       the ResNet authors' and torchvision's choice for ReLU networks;</li>
 *   <li>fully connected layers: uniform in ±1/√fan_in for weight and bias (the default of a
 *       PyTorch {@code nn.Linear}, which the BYOL projector and predictor use unchanged).</li>
 * </ul>
 * Batch norms keep DJL's defaults: scale 1, shift 0, running mean 0, running variance 1.
 */
final class SeededInit implements Initializer {
    private enum Rule { KAIMING_NORMAL, UNIFORM }

    private final long seed;
    private final String purpose;
    private final Rule rule;
    private final double scale;

    private SeededInit(long seed, String purpose, Rule rule, double scale) {
        this.seed = seed;
        this.purpose = purpose;
        this.rule = rule;
        this.scale = scale;
    }

    /** Kaiming normal, fan-out mode, for a kernel [out, in, kh, kw]. */
    static SeededInit kaimingConv(long seed, String purpose, int outChannels, int kernelArea) {
        return new SeededInit(seed, purpose, Rule.KAIMING_NORMAL, Math.sqrt(2.0 / ((double) outChannels * kernelArea)));
    }

    /** Uniform in ±1/√fanIn (weight or bias of a linear layer). */
    static SeededInit linear(long seed, String purpose, long fanIn) {
        return new SeededInit(seed, purpose, Rule.UNIFORM, 1.0 / Math.sqrt(fanIn));
    }

    /** The standard deviation (normal) or the bound (uniform). */
    double scale() {
        return scale;
    }

    @Override
    public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
        // A fresh stream per call: initialising twice gives the same values.
        SeededRandom rng = SeededRandom.of(seed, "init/" + purpose);
        float[] values = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (rule == Rule.KAIMING_NORMAL ? scale * rng.nextGaussian() : rng.uniform(-scale, scale));
        }
        return manager.create(values, shape).toType(dataType, false);
    }
}
