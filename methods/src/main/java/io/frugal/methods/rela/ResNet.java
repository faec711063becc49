package io.frugal.methods.rela;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * ResNet-18 (BasicBlocks [2, 2, 2, 2]) and ResNet-50 (Bottlenecks [3, 4, 6, 3]) without the
 * classifier: the output is the global average pool of the last stage. Stage widths are
 * 64·w, 128·w, 256·w, 512·w (each rounded, at least 1); a Bottleneck stage outputs 4× its width, so
 * the representation is 512·w (ResNet-18) or 2048·w (ResNet-50) long.
 *
 * <p>Two stems: {@link Stem#IMAGENET} is the original 7×7 stride-2 convolution then a 3×3 stride-2
 * max-pool (for 224×224 inputs); {@link Stem#CIFAR} is the 3×3 stride-1 convolution without
 * max-pool that CIFAR-sized (32×32, 64×64) self-supervised work uses, so that small images are not
 * reduced to 1×1 maps before the last stage.
 */
public final class ResNet extends Backbone {
    public enum Stem { CIFAR, IMAGENET }

    public enum Depth {
        RESNET18(new int[] {2, 2, 2, 2}, false), RESNET50(new int[] {3, 4, 6, 3}, true);

        final int[] blocks;
        final boolean bottleneck;

        Depth(int[] blocks, boolean bottleneck) {
            this.blocks = blocks;
            this.bottleneck = bottleneck;
        }
    }

    private static final int[] BASE_WIDTHS = {64, 128, 256, 512};

    private final Depth depth;
    private final Stem stem;
    private final int inputChannels;
    private final ConvBn stemConv;
    private final List<ResidualBlock> blocks = new ArrayList<>();
    private final int featureDim;

    private ResNet(Depth depth, Stem stem, double width, int inputChannels, long seed) {
        if (!(width > 0) || Double.isInfinite(width)) throw new IllegalArgumentException("width multiplier must be positive: " + width);
        if (inputChannels <= 0) throw new IllegalArgumentException("input channels must be positive: " + inputChannels);
        this.depth = depth;
        this.stem = stem;
        this.inputChannels = inputChannels;
        int stemWidth = scaled(64, width);
        stemConv = addChildBlock("stem", stem == Stem.CIFAR
                ? new ConvBn(seed, "stem", stemWidth, 3, 1) : new ConvBn(seed, "stem", stemWidth, 7, 2));
        int in = stemWidth;
        for (int s = 0; s < 4; s++) {
            int w = scaled(BASE_WIDTHS[s], width);
            for (int b = 0; b < depth.blocks[s]; b++) {
                int stride = s > 0 && b == 0 ? 2 : 1;
                String name = "layer" + (s + 1) + "." + b;
                ResidualBlock block = depth.bottleneck ? ResidualBlock.bottleneck(seed, name, in, w, stride)
                        : ResidualBlock.basic(seed, name, in, w, stride);
                blocks.add(addChildBlock(name.replace('.', '_'), block));
                in = block.outChannels();
            }
        }
        featureDim = in;
    }

    /** An uninitialised network; call {@code initialize(manager, FLOAT32, new Shape(B, C, H, W))}. */
    public static ResNet create(Depth depth, Stem stem, double width, int inputChannels, long seed) {
        return new ResNet(depth, stem, width, inputChannels, seed);
    }

    static int scaled(int base, double width) {
        return Math.max(1, (int) Math.round(base * width));
    }

    public Depth depth() {
        return depth;
    }

    public Stem stem() {
        return stem;
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
        Shape in = inputShapes[0];
        if (in.dimension() != 4 || in.get(1) != inputChannels) {
            throw new IllegalArgumentException("expected input [B, " + inputChannels + ", H, W], got " + in);
        }
        stemConv.initialize(manager, dataType, in);
        Shape[] shape = stemConv.getOutputShapes(new Shape[] {in});
        if (stem == Stem.IMAGENET) shape = new Shape[] {maxPooled(shape[0])};
        for (ResidualBlock b : blocks) {
            b.initialize(manager, dataType, shape);
            shape = b.getOutputShapes(shape);
        }
    }

    // 3x3 stride-2 pad-1 max-pool: out = floor((n + 2 - 3) / 2) + 1
    private static Shape maxPooled(Shape s) {
        return new Shape(s.get(0), s.get(1), (s.get(2) - 1) / 2 + 1, (s.get(3) - 1) / 2 + 1);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = Activation.relu(stemConv.forward(store, inputs, training, params).singletonOrThrow());
        if (stem == Stem.IMAGENET) x = Pool.maxPool2d(x, new Shape(3, 3), new Shape(2, 2), new Shape(1, 1), false);
        for (ResidualBlock b : blocks) x = b.forward(store, new NDList(x), training, params).singletonOrThrow();
        return new NDList(pooled(x));
    }
}
