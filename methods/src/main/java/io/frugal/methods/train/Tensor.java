package io.frugal.methods.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** A float tensor held in Java: what a checkpoint stores for one array. */
record Tensor(long[] shape, float[] values) {
    static Tensor of(NDArray array) {
        return new Tensor(array.getShape().getShape(), array.toFloatArray());
    }

    Shape djlShape() {
        return new Shape(shape);
    }

    NDArray toArray(NDManager manager) {
        return manager.create(values, djlShape());
    }
}
