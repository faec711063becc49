package io.frugal.methods.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;

/**
 * Merges the branch logits: stack to [B, branches, classes], scale each branch by a learned
 * weight (initialised to 1), shift-only batch norm over the branch axis, sum over branches.
 */
final class BranchMerge extends AbstractBlock {
    private final int branches;
    private final Parameter branchWeights;
    private final BatchNorm norm;

    BranchMerge(int branches) {
        this.branches = branches;
        this.branchWeights = addParameter(Parameter.builder().setName("branchWeights").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(branches)).optInitializer(new ConstantInitializer(1f)).build());
        this.norm = addChildBlock("norm", ShiftOnlyBatchNorm.create());
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        norm.initialize(manager, dataType, new Shape(inputShapes[0].get(0), branches, inputShapes[0].get(1)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        if (inputs.size() != branches) throw new IllegalArgumentException("expected " + branches + " branch logits, got " + inputs.size());
        NDArray stacked = NDArrays.stack(inputs, 1); // [B, branches, classes]
        NDArray w = store.getValue(branchWeights, stacked.getDevice(), training);
        NDArray weighted = stacked.mul(BatchScoped.of(w.reshape(1, branches, 1), stacked));
        NDArray normalised = norm.forward(store, new NDList(weighted), training, params).singletonOrThrow();
        return new NDList(normalised.sum(new int[] {1}));
    }
}
