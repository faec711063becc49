package io.frugal.methods.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import io.frugal.core.random.SeededRandom;

/**
 * Standard normal tensors drawn by the engine's own generator, reseeded for every draw with a seed
 * derived from (seed, purpose, indices) through {@link SeededRandom}. A draw therefore depends
 * only on its key, not on what was drawn before it: step 7's noise is the same whether or not
 * steps 0..6 ran in this process, which is what makes a resumed run bit-identical.
 *
 * <p>Why the engine and not SeededRandom itself: one training step at the paper's scale needs
 * T·n·d = 80·128·5000 = 51 million normals; SeededRandom's Box-Muller took 9.4 s for them on this
 * project's (shared, 2-core) machine, libtorch's CPU generator 0.3 to 0.4 s in the step's blocks
 * ({@link FlowStepTiming} splits a step). A key gives the same values on every run of the same
 * libtorch build on the same kind of CPU; libtorch picks its normal kernel by CPU features, so
 * machines with different vector instruction sets may differ in the last bits (the reason a
 * determinism check compares runs on one machine type). The generator is process-global, so
 * reseeding and drawing happen under one lock.
 */
public final class EngineNoise {
    private static final Object LOCK = new Object();

    private EngineNoise() {}

    /** The engine seed of a key: a 63-bit value (libtorch takes a uint64; DJL passes a long). */
    static long engineSeed(long seed, String purpose, long... indices) {
        return SeededRandom.of(seed, purpose, indices).nextLong() >>> 1;
    }

    public static NDArray normal(NDManager manager, Shape shape, DataType type, long seed, String purpose, long... indices) {
        synchronized (LOCK) {
            // JniUtils.setSeed is torch::manual_seed with all 64 bits (Engine.setRandomSeed takes an int)
            JniUtils.setSeed(engineSeed(seed, purpose, indices));
            return manager.randomNormal(0f, 1f, shape, type);
        }
    }
}
