package io.frugal.methods.rela;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.pooling.Pool;

/**
 * A feature extractor: images [B, C, H, W] → representations [B, featureDim()], the globally
 * average-pooled output of the last stage. This pooled vector is what BYOL's projector reads, what
 * ReLA's linear map W regresses onto the prior's targets, and what the linear probe is trained on.
 */
public abstract class Backbone extends AbstractBlock {
    /** Length of the representation vector. */
    public abstract int featureDim();

    /** Input channels the first convolution expects. */
    public abstract int inputChannels();

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), featureDim())};
    }

    /** Global average pool of a [B, C, H, W] map: the representation [B, C]. */
    static NDArray pooled(NDArray map) {
        return Pool.globalAvgPool2d(map).reshape(map.getShape().get(0), map.getShape().get(1));
    }

    /** Number of trained values: batch-norm running statistics excluded, as published counts do. */
    public static long trainableParameterCount(Block block) {
        long n = 0;
        for (Parameter p : block.getParameters().values()) {
            if (p.requiresGradient()) n += p.getShape().size();
        }
        return n;
    }
}
