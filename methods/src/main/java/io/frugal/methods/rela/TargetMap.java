package io.frugal.methods.rela;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * ReLA's linear map a = W·h + b from the student's pooled features (d) to the target space (k), whose
 * output the alignment loss compares with the whitened prior targets. The released code never gives W
 * to the optimiser, so it stays at its random initialisation; the spec keeps both as an option:
 * {@link #frozen} (no gradient, the released behaviour) or learned. Initialised like a PyTorch
 * nn.Linear (uniform ±1/√d), from the run's seed.
 */
public final class TargetMap extends AbstractBlock {
    private final Linear linear;
    private final int inputDim;
    private final int outputDim;
    private final boolean frozen;

    public TargetMap(int inputDim, int outputDim, boolean frozen, long seed) {
        if (inputDim < 1 || outputDim < 1) throw new IllegalArgumentException("dimensions must be positive: " + inputDim + " -> " + outputDim);
        this.inputDim = inputDim;
        this.outputDim = outputDim;
        this.frozen = frozen;
        linear = Linear.builder().setUnits(outputDim).build();
        linear.setInitializer(SeededInit.linear(seed, "rela-map.weight", inputDim), Parameter.Type.WEIGHT);
        linear.setInitializer(SeededInit.linear(seed, "rela-map.bias", inputDim), Parameter.Type.BIAS);
        addChildBlock("linear", linear);
    }

    public boolean frozen() {
        return frozen;
    }

    public int outputDim() {
        return outputDim;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        if (in.dimension() != 2 || in.get(1) != inputDim) throw new IllegalArgumentException("expected input [B, " + inputDim + "], got " + in);
        linear.initialize(manager, dataType, in);
        // after initialisation: freezing marks the existing arrays as not requiring gradient
        if (frozen) linear.freezeParameters(true);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), outputDim)};
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        return linear.forward(store, inputs, training, params);
    }
}
