package io.frugal.methods.rela;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * The small student for 28×28 grayscale images (MNIST, Fashion-MNIST) on one CPU: four 3×3
 * convolutions with batch norm and ReLU, widths 32·w, 64·w, 128·w, 256·w, strides 1, 2, 2, 2
 * (28 → 28 → 14 → 7 → 4), then global average pooling; the representation is 256·w long. Our own
 * design for the small-scale runs, not one of the paper's students; it has about 0.39 M weights at
 * w = 1, against 11.2 M for ResNet-18, so several BYOL epochs fit in minutes.
 */
public final class SmallCnn extends Backbone {
    private static final int[] BASE_WIDTHS = {32, 64, 128, 256};
    private static final int[] STRIDES = {1, 2, 2, 2};

    private final int inputChannels;
    private final List<ConvBn> convs = new ArrayList<>();
    private final int featureDim;

    private SmallCnn(double width, int inputChannels, long seed) {
        if (!(width > 0) || Double.isInfinite(width)) throw new IllegalArgumentException("width multiplier must be positive: " + width);
        this.inputChannels = inputChannels;
        int out = 0;
        for (int i = 0; i < BASE_WIDTHS.length; i++) {
            out = ResNet.scaled(BASE_WIDTHS[i], width);
            convs.add(addChildBlock("conv" + (i + 1), new ConvBn(seed, "conv" + (i + 1), out, 3, STRIDES[i])));
        }
        featureDim = out;
    }

    public static SmallCnn create(double width, int inputChannels, long seed) {
        return new SmallCnn(width, inputChannels, seed);
    }

    @Override
    public int featureDim() {
        return featureDim;
    }

    @Override
    public int inputChannels() {
        return inputChannels;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape[] shape = inputShapes;
        if (shape[0].dimension() != 4 || shape[0].get(1) != inputChannels) {
            throw new IllegalArgumentException("expected input [B, " + inputChannels + ", H, W], got " + shape[0]);
        }
        for (ConvBn c : convs) {
            c.initialize(manager, dataType, shape);
            shape = c.getOutputShapes(shape);
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        for (ConvBn c : convs) x = Activation.relu(c.forward(store, new NDList(x), training, params).singletonOrThrow());
        return new NDList(pooled(x));
    }
}
