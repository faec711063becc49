package io.frugal.methods.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.nio.FloatBuffer;

/** A float32 tensor's shape and a view of its values: what a checkpoint writes for one array. */
interface TensorValues {
    long[] shape();

    /** The values in row-major order, from position to limit; a view, not a copy. */
    FloatBuffer floats();

    /**
     * A view of a native tensor's own memory (no copy into the Java heap). Valid only while the
     * array is open and unchanged, so it is written out at once.
     */
    static TensorValues of(NDArray array) {
        if (array.getDataType() != DataType.FLOAT32) {
            throw new IllegalStateException("checkpoints hold float32 tensors; got " + array.getDataType());
        }
        long[] shape = array.getShape().getShape();
        return new TensorValues() {
            @Override
            public long[] shape() {
                return shape;
            }

            @Override
            public FloatBuffer floats() {
                return array.toByteBuffer(true).asFloatBuffer();
            }
        };
    }
}
