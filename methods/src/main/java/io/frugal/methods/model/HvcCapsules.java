package io.frugal.methods.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * One Homogeneous Vector Capsule branch: feature map [B, D, H, W] → class logits [B, classes].
 *
 * <p>Each spatial position is a capsule of dimension D (K = H·W capsules). Class capsule c is
 * Σ_k x_k ⊙ W[c, k] (element-wise product, summed over capsules: no matrix product across
 * dimensions, no routing), then shift-only batch norm over the D axis and ReLU; the logit of class c
 * is the L2 norm of its capsule.
 *
 * <p>The sum over capsules is computed per dimension d as a batched matrix product
 * [D, B, K] × [D, K, C] → [D, B, C]: exactly the einsum {@code bkd,ckd->bcd}, but without the
 * [B, C, K, D] intermediate that broadcasting would allocate (~150 MB per MNIST batch).
 */
final class HvcCapsules extends AbstractBlock {
    /** Keeps the gradient of the norm finite where a capsule is all zeros after the ReLU. */
    private static final float NORM_EPSILON = 1e-7f;

    private final int classes;
    private final Parameter weight;
    private final BatchNorm norm;
    private int dims;
    private int capsules;

    /** {@code capsules} = H·W of the incoming feature map; it fixes the weight's fan-in. */
    HvcCapsules(int classes, int capsules, long seed, String purpose) {
        this.classes = classes;
        this.weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT)
                .optInitializer(new SeededUniformInitializer(seed, purpose, SeededUniformInitializer.Rule.GLOROT, capsules, classes))
                .build());
        this.norm = addChildBlock("norm", ShiftOnlyBatchNorm.create());
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        dims = (int) in.get(1);
        capsules = (int) (in.get(2) * in.get(3));
        weight.setShape(new Shape(classes, capsules, dims));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        norm.initialize(manager, dataType, new Shape(inputShapes[0].get(0), inputShapes[0].get(1), classes));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), classes)};
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        long batch = x.getShape().get(0);
        NDArray w = store.getValue(weight, x.getDevice(), training);
        // [B, D, H, W] -> [D, B, K]; W[C, K, D] -> [D, K, C]
        NDArray byDim = x.reshape(batch, dims, capsules).transpose(1, 0, 2);
        NDArray wByDim = BatchScoped.of(w.transpose(2, 1, 0), x);
        NDArray classCapsules = byDim.matMul(wByDim).transpose(1, 0, 2); // [B, D, C]
        NDArray normalised = norm.forward(store, new NDList(classCapsules), training, params).singletonOrThrow();
        NDArray activated = Activation.relu(normalised);
        NDArray logits = activated.square().sum(new int[] {1}).add(NORM_EPSILON).sqrt();
        return new NDList(logits);
    }
}
