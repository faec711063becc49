package io.frugal.methods.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One native (direct) buffer that a batch's values are copied into on their way to the engine,
 * reused for every batch.
 *
 * <p>Why: DJL copies a Java array into a freshly allocated direct buffer for every array it
 * creates from one, and that native memory is only given back when the garbage collector gets to
 * the buffer object, which with a large heap can take many batches. The trainer's resident memory
 * then rose with the backlog (BENCHMARKS.md, "Trainer memory"). On the CPU the engine's tensor
 * aliases the buffer (DJL's from_blob keeps no copy), so the previous tensor made from it must be
 * closed before the buffer is refilled: the trainer and the evaluator close each batch's arrays
 * with the batch, and {@link #floats}/{@link #ints} refuse to refill under a live tensor.
 */
final class StagingBuffer {
    private ByteBuffer buffer = ByteBuffer.allocateDirect(0);
    private NDArray last;

    /** {@code values[0 .. count)} as a float32 array of {@code shape}, in {@code manager}. */
    NDArray floats(NDManager manager, float[] values, int count, Shape shape) {
        ByteBuffer b = refill(count * Float.BYTES);
        b.asFloatBuffer().put(values, 0, count);
        return remember(manager.create(b, shape, DataType.FLOAT32));
    }

    /** {@code values[0 .. count)} as an int32 array of shape [count], in {@code manager}. */
    NDArray ints(NDManager manager, int[] values, int count) {
        ByteBuffer b = refill(count * Integer.BYTES);
        b.asIntBuffer().put(values, 0, count);
        return remember(manager.create(b, new Shape(count), DataType.INT32));
    }

    private ByteBuffer refill(int bytes) {
        if (last != null && !last.isReleased()) {
            throw new IllegalStateException("the previous batch's array is still open: its values would be overwritten");
        }
        if (buffer.capacity() < bytes) buffer = ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
        return buffer.slice(0, bytes).order(ByteOrder.nativeOrder());
    }

    private NDArray remember(NDArray a) {
        last = a;
        return a;
    }
}
