package io.frugal.methods.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.FloatBuffer;

/** A float tensor held in Java: what a checkpoint stores for one array. */
record Tensor(long[] shape, float[] values) implements TensorValues {
    @Override
    public FloatBuffer floats() {
        return FloatBuffer.wrap(values);
    }

    Shape djlShape() {
        return new Shape(shape);
    }

    NDArray toArray(NDManager manager) {
        return manager.create(values, djlShape());
    }
}
