package io.frugal.methods.rela;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * One ResNet block (He et al. 2016, "v1.5" placement): a BasicBlock (3×3, 3×3) or a Bottleneck
 * (1×1, 3×3, 1×1 with 4× expansion; the stride on the 3×3, as torchvision does), each convolution
 * with batch norm, ReLU after all but the last; the shortcut is the identity, or a strided 1×1
 * convolution with batch norm when the shape changes; ReLU after the sum.
 */
final class ResidualBlock extends AbstractBlock {
    static final int BOTTLENECK_EXPANSION = 4;

    private final List<ConvBn> path = new ArrayList<>();
    private final ConvBn shortcut;
    private final int outChannels;

    private ResidualBlock(long seed, String name, int inChannels, int[] widths, int[] kernels, int[] strides) {
        for (int i = 0; i < widths.length; i++) {
            path.add(addChildBlock("conv" + (i + 1), new ConvBn(seed, name + ".conv" + (i + 1), widths[i], kernels[i], strides[i])));
        }
        outChannels = widths[widths.length - 1];
        int stride = 1;
        for (int s : strides) stride *= s;
        shortcut = stride != 1 || inChannels != outChannels
                ? addChildBlock("downsample", new ConvBn(seed, name + ".downsample", outChannels, 1, stride)) : null;
    }

    static ResidualBlock basic(long seed, String name, int inChannels, int width, int stride) {
        return new ResidualBlock(seed, name, inChannels, new int[] {width, width}, new int[] {3, 3}, new int[] {stride, 1});
    }

    static ResidualBlock bottleneck(long seed, String name, int inChannels, int width, int stride) {
        return new ResidualBlock(seed, name, inChannels, new int[] {width, width, width * BOTTLENECK_EXPANSION},
                new int[] {1, 3, 1}, new int[] {1, stride, 1});
    }

    int outChannels() {
        return outChannels;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape[] shape = inputShapes;
        for (ConvBn c : path) {
            c.initialize(manager, dataType, shape);
            shape = c.getOutputShapes(shape);
        }
        if (shortcut != null) shortcut.initialize(manager, dataType, inputShapes);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] shape = inputShapes;
        for (ConvBn c : path) shape = c.getOutputShapes(shape);
        return shape;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray in = inputs.singletonOrThrow();
        NDArray x = in;
        for (int i = 0; i < path.size(); i++) {
            x = path.get(i).forward(store, new NDList(x), training, params).singletonOrThrow();
            if (i < path.size() - 1) x = Activation.relu(x);
        }
        NDArray skip = shortcut == null ? in : shortcut.forward(store, new NDList(in), training, params).singletonOrThrow();
        return new NDList(Activation.relu(x.add(skip)));
    }
}
