package io.frugal.methods.flowimages;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * A small U-Net that predicts the noise ε of a noised image x_s at diffusion time s: input
 * [B, 1, H, W] and the time's sinusoidal features [B, F] → [B, 1, H, W]. One level per entry of
 * {@code channels}: a residual block (two padded 3×3 convolutions, SiLU, the time added as a
 * per-channel bias) at each resolution on the way down, a stride-2 convolution between levels,
 * nearest-neighbour doubling and a 3×3 convolution back up (DJL's PyTorch engine has no
 * transposed convolution), the skip of the same level concatenated, another residual
 * block. No attention and no normalisation layers (the paper's U-Net has both): at the sizes the
 * CPU runs (a few thousand steps) they cost more time than they bring.
 */
final class Denoiser extends AbstractBlock {
    private final List<Integer> channels;
    private final int timeFeatures;
    private final Linear timeIn;
    private final Conv2d stem;
    private final List<ResBlock> down = new ArrayList<>();
    private final List<Conv2d> downsample = new ArrayList<>();
    private final List<Conv2d> upsample = new ArrayList<>();
    private final List<ResBlock> up = new ArrayList<>();
    private final Conv2d head;

    Denoiser(List<Integer> channels, int timeFeatures) {
        this.channels = List.copyOf(channels);
        this.timeFeatures = timeFeatures;
        int embed = 4 * channels.get(0);
        timeIn = addChildBlock("timeIn", Linear.builder().setUnits(embed).build());
        stem = addChildBlock("stem", conv(channels.get(0), 1));
        int levels = channels.size();
        for (int l = 0; l < levels; l++) {
            down.add(addChildBlock("down" + l, new ResBlock(channels.get(l), false)));
            if (l < levels - 1) downsample.add(addChildBlock("downsample" + l, conv(channels.get(l + 1), 2)));
        }
        for (int l = levels - 2; l >= 0; l--) {
            upsample.add(addChildBlock("upsample" + l, conv(channels.get(l), 1)));
            up.add(addChildBlock("up" + l, new ResBlock(channels.get(l), true)));
        }
        head = addChildBlock("head", conv(1, 1));
    }

    private static Conv2d conv(int filters, int stride) {
        return Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).optStride(new Shape(stride, stride))
                .setFilters(filters).build();
    }

    int timeFeatures() {
        return timeFeatures;
    }

    /** Transformer-style sinusoidal features of diffusion times in [0, 1] (scaled by 1000 as DDPM's integer steps). */
    static float[] timeFeatures(double[] s, int features) {
        int half = features / 2;
        float[] out = new float[s.length * features];
        for (int i = 0; i < s.length; i++) {
            for (int j = 0; j < half; j++) {
                double freq = Math.exp(-Math.log(10_000) * j / half);
                double arg = 1000 * s[i] * freq;
                out[i * features + j] = (float) Math.sin(arg);
                out[i * features + half + j] = (float) Math.cos(arg);
            }
        }
        return out;
    }

    /** Nearest-neighbour upsampling by 2: [B, C, H, W] → [B, C, 2H, 2W]. */
    static NDArray doubled(NDArray x) {
        Shape s = x.getShape();
        return x.reshape(s.get(0), s.get(1), s.get(2), 1, s.get(3), 1).broadcast(s.get(0), s.get(1), s.get(2), 2, s.get(3), 2)
                .reshape(s.get(0), s.get(1), 2 * s.get(2), 2 * s.get(3));
    }

    static NDArray silu(NDArray x) {
        return x.mul(Activation.sigmoid(x));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape x = inputShapes[0];
        long batch = x.get(0);
        timeIn.initialize(manager, dataType, inputShapes[1]);
        Shape embed = new Shape(batch, 4L * channels.get(0));
        stem.initialize(manager, dataType, x);
        Shape h = stem.getOutputShapes(new Shape[] {x})[0];
        List<Shape> skips = new ArrayList<>();
        for (int l = 0; l < channels.size(); l++) {
            down.get(l).initialize(manager, dataType, h, embed);
            h = down.get(l).getOutputShapes(new Shape[] {h, embed})[0];
            skips.add(h);
            if (l < channels.size() - 1) {
                downsample.get(l).initialize(manager, dataType, h);
                h = downsample.get(l).getOutputShapes(new Shape[] {h})[0];
            }
        }
        for (int i = 0; i < upsample.size(); i++) {
            int l = channels.size() - 2 - i;
            h = new Shape(h.get(0), h.get(1), 2 * h.get(2), 2 * h.get(3));
            upsample.get(i).initialize(manager, dataType, h);
            h = upsample.get(i).getOutputShapes(new Shape[] {h})[0];
            Shape skip = skips.get(l);
            Shape joined = new Shape(batch, h.get(1) + skip.get(1), skip.get(2), skip.get(3));
            up.get(i).initialize(manager, dataType, joined, embed);
            h = up.get(i).getOutputShapes(new Shape[] {joined, embed})[0];
        }
        head.initialize(manager, dataType, h);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray embed = silu(timeIn.forward(store, new NDList(inputs.get(1)), training, params).singletonOrThrow());
        NDArray h = stem.forward(store, new NDList(x), training, params).singletonOrThrow();
        List<NDArray> skips = new ArrayList<>();
        for (int l = 0; l < channels.size(); l++) {
            h = down.get(l).forward(store, new NDList(h, embed), training, params).singletonOrThrow();
            skips.add(h);
            if (l < channels.size() - 1) h = downsample.get(l).forward(store, new NDList(silu(h)), training, params).singletonOrThrow();
        }
        for (int i = 0; i < upsample.size(); i++) {
            int l = channels.size() - 2 - i;
            h = upsample.get(i).forward(store, new NDList(doubled(silu(h))), training, params).singletonOrThrow();
            h = NDArrays.concat(new NDList(h, skips.get(l)), 1);
            h = up.get(i).forward(store, new NDList(h, embed), training, params).singletonOrThrow();
        }
        return head.forward(store, new NDList(silu(h)), training, params);
    }

    /**
     * conv(silu(x)) + time bias → silu → conv, plus x (through a 1×1 convolution when the
     * channel count changes).
     */
    static final class ResBlock extends AbstractBlock {
        private final int filters;
        private final Conv2d first;
        private final Linear time;
        private final Conv2d second;
        private final Conv2d project;

        /** {@code project}: the input has another channel count (an up block's concatenated skip). */
        ResBlock(int filters, boolean project) {
            this.filters = filters;
            first = addChildBlock("first", conv(filters, 1));
            time = addChildBlock("time", Linear.builder().setUnits(filters).build());
            second = addChildBlock("second", conv(filters, 1));
            this.project = project ? addChildBlock("project", Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(filters).build()) : null;
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
            Shape x = inputShapes[0];
            first.initialize(manager, dataType, x);
            Shape h = first.getOutputShapes(new Shape[] {x})[0];
            time.initialize(manager, dataType, inputShapes[1]);
            second.initialize(manager, dataType, h);
            if (project != null) project.initialize(manager, dataType, x);
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            Shape x = inputShapes[0];
            return new Shape[] {new Shape(x.get(0), filters, x.get(2), x.get(3))};
        }

        @Override
        protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
            NDArray x = inputs.get(0);
            NDArray t = time.forward(store, new NDList(inputs.get(1)), training, params).singletonOrThrow();
            NDArray h = first.forward(store, new NDList(silu(x)), training, params).singletonOrThrow();
            h = h.add(t.expandDims(2).expandDims(3));
            h = second.forward(store, new NDList(silu(h)), training, params).singletonOrThrow();
            NDArray skip = project == null ? x : project.forward(store, new NDList(x), training, params).singletonOrThrow();
            return new NDList(h.add(skip));
        }
    }

    static long parameterCount(Block block) {
        long n = 0;
        for (var p : block.getParameters().values()) n += p.getShape().size();
        return n;
    }
}
