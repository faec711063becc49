package io.frugal.methods.rela;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A bias-free k×k convolution followed by batch norm (no activation: residual blocks add before
 * their last ReLU). Padding k/2, so with stride 1 the map keeps its size. BatchNorm: ε 1e-5 and
 * running statistics updated by 0.1 of the batch's per step (DJL momentum 0.9), PyTorch's defaults.
 */
final class ConvBn extends AbstractBlock {
    private final Conv2d conv;
    private final BatchNorm norm;
    private final int outChannels;

    ConvBn(long seed, String path, int outChannels, int kernel, int stride) {
        this.outChannels = outChannels;
        conv = Conv2d.builder().setKernelShape(new Shape(kernel, kernel)).setFilters(outChannels)
                .optStride(new Shape(stride, stride)).optPadding(new Shape(kernel / 2, kernel / 2)).optBias(false).build();
        conv.setInitializer(SeededInit.kaimingConv(seed, path + ".conv", outChannels, kernel * kernel), Parameter.Type.WEIGHT);
        addChildBlock("conv", conv);
        norm = addChildBlock("bn", BatchNorm.builder().optEpsilon(1e-5f).optMomentum(0.9f).build());
    }

    int outChannels() {
        return outChannels;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        conv.initialize(manager, dataType, inputShapes[0]);
        norm.initialize(manager, dataType, conv.getOutputShapes(inputShapes));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return conv.getOutputShapes(inputShapes);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = conv.forward(store, inputs, training, params).singletonOrThrow();
        return norm.forward(store, new NDList(x), training, params);
    }
}
