package io.frugal.methods.rela;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * BYOL's projector and predictor: Linear(in → hidden) → BatchNorm → ReLU → Linear(hidden → 256),
 * both linear layers with bias. The spec sets hidden = 2·d, d the backbone's feature dimension: 1024
 * for ResNet-18 (d 512), 4096 for ResNet-50 (d 2048, BYOL's own hidden size), 512 for the small CNN at
 * w = 1 (d 256). The predictor reads the 256-long projection but keeps hidden = 2·d of the backbone,
 * as the spec's "predictor (256 → 2d, BN, ReLU → 256)" says.
 */
public final class ByolMlp extends AbstractBlock {
    public static final int OUTPUT_DIM = 256;

    private final Linear hiddenLayer;
    private final BatchNorm norm;
    private final Linear outputLayer;
    private final int inputDim;
    private final int hiddenDim;
    private final int outputDim;

    private ByolMlp(String name, int inputDim, int hiddenDim, int outputDim, long seed) {
        this.inputDim = inputDim;
        this.hiddenDim = hiddenDim;
        this.outputDim = outputDim;
        hiddenLayer = Linear.builder().setUnits(hiddenDim).build();
        hiddenLayer.setInitializer(SeededInit.linear(seed, name + ".fc1.weight", inputDim), Parameter.Type.WEIGHT);
        hiddenLayer.setInitializer(SeededInit.linear(seed, name + ".fc1.bias", inputDim), Parameter.Type.BIAS);
        addChildBlock("fc1", hiddenLayer);
        norm = addChildBlock("bn", BatchNorm.builder().optEpsilon(1e-5f).optMomentum(0.9f).build());
        outputLayer = Linear.builder().setUnits(outputDim).build();
        outputLayer.setInitializer(SeededInit.linear(seed, name + ".fc2.weight", hiddenDim), Parameter.Type.WEIGHT);
        outputLayer.setInitializer(SeededInit.linear(seed, name + ".fc2.bias", hiddenDim), Parameter.Type.BIAS);
        addChildBlock("fc2", outputLayer);
    }

    /** Projector g: d → 2d → 256. Initialise with input shape [B, featureDim]. */
    public static ByolMlp projector(int featureDim, long seed) {
        return new ByolMlp("projector", featureDim, 2 * featureDim, OUTPUT_DIM, seed);
    }

    /** Predictor q: 256 → 2d → 256 (d the backbone's feature dimension). Initialise with [B, 256]. */
    public static ByolMlp predictor(int featureDim, long seed) {
        return new ByolMlp("predictor", OUTPUT_DIM, 2 * featureDim, OUTPUT_DIM, seed);
    }

    public int inputDim() {
        return inputDim;
    }

    public int hiddenDim() {
        return hiddenDim;
    }

    public int outputDim() {
        return outputDim;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        if (in.dimension() != 2 || in.get(1) != inputDim) throw new IllegalArgumentException("expected input [B, " + inputDim + "], got " + in);
        hiddenLayer.initialize(manager, dataType, in);
        Shape hidden = new Shape(in.get(0), hiddenDim);
        norm.initialize(manager, dataType, hidden);
        outputLayer.initialize(manager, dataType, hidden);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), outputDim)};
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = hiddenLayer.forward(store, inputs, training, params).singletonOrThrow();
        x = Activation.relu(norm.forward(store, new NDList(x), training, params).singletonOrThrow());
        return outputLayer.forward(store, new NDList(x), training, params);
    }
}
