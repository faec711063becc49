package io.frugal.methods.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * The Homogeneous Vector Capsule network of Byerly et al. ("No Routing Needed Between Capsules",
 * arXiv 2001.09136) as the README's method notes describe it: input [B, C, H, W] floats → logits
 * [B, classes]. Unpadded 3×3 convolutions without bias, each followed by shift-only batch norm and
 * ReLU; three {@link HvcCapsules} branches; a {@link BranchMerge}.
 *
 * <p>All weights are initialised from the run's seed in Java ({@link SeededUniformInitializer});
 * batch-norm shifts start at 0, running means at 0, running variances at 1, branch weights at 1.
 */
public final class HvcNetwork extends AbstractBlock {
    private static final int KERNEL = 3;

    private final HvcSpec spec;
    private final List<Conv2d> convs = new ArrayList<>();
    private final List<BatchNorm> norms = new ArrayList<>();
    private final List<HvcCapsules> branches = new ArrayList<>();
    private final BranchMerge merge;

    private HvcNetwork(HvcSpec spec, long seed) {
        this.spec = spec;
        int in = spec.channels();
        for (int i = 0; i < spec.convs(); i++) {
            int out = spec.filters(i);
            Conv2d conv = Conv2d.builder().setKernelShape(new Shape(KERNEL, KERNEL)).setFilters(out).optBias(false).build();
            conv.setInitializer(SeededUniformInitializer.heForKernel(seed, "conv" + i, in, KERNEL * KERNEL), Parameter.Type.WEIGHT);
            convs.add(addChildBlock("conv" + i, conv));
            norms.add(addChildBlock("convNorm" + i, ShiftOnlyBatchNorm.create()));
            if (spec.branchesAfter(i)) {
                branches.add(addChildBlock("capsules" + i, new HvcCapsules(spec.classes(), spec.mapHeight(i) * spec.mapWidth(i), seed, "capsules" + i)));
            }
            in = out;
        }
        merge = addChildBlock("merge", new BranchMerge(branches.size()));
    }

    /** An uninitialised network; call {@code initialize(manager, FLOAT32, inputShape(batch))}. */
    public static HvcNetwork create(HvcSpec spec, long seed) {
        return new HvcNetwork(spec, seed);
    }

    public HvcSpec spec() {
        return spec;
    }

    public Shape inputShape(long batch) {
        return new Shape(batch, spec.channels(), spec.height(), spec.width());
    }

    /** Number of trained values (batch-norm running statistics and the unused BN scales excluded). */
    public static long trainableParameterCount(Block block) {
        long n = 0;
        for (Parameter p : block.getParameters().values()) {
            if (p.requiresGradient()) n += p.getShape().size();
        }
        return n;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape shape = inputShapes[0];
        int branch = 0;
        for (int i = 0; i < convs.size(); i++) {
            convs.get(i).initialize(manager, dataType, shape);
            shape = convs.get(i).getOutputShapes(new Shape[] {shape})[0];
            norms.get(i).initialize(manager, dataType, shape);
            if (spec.branchesAfter(i)) branches.get(branch++).initialize(manager, dataType, shape);
        }
        merge.initialize(manager, dataType, new Shape(shape.get(0), spec.classes()));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), spec.classes())};
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDList branchLogits = new NDList(branches.size());
        int branch = 0;
        for (int i = 0; i < convs.size(); i++) {
            x = convs.get(i).forward(store, new NDList(x), training, params).singletonOrThrow();
            x = norms.get(i).forward(store, new NDList(x), training, params).singletonOrThrow();
            x = Activation.relu(x);
            if (spec.branchesAfter(i)) {
                branchLogits.add(branches.get(branch++).forward(store, new NDList(x), training, params).singletonOrThrow());
            }
        }
        return merge.forward(store, branchLogits, training, params);
    }
}
