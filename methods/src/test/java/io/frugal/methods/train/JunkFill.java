package io.frugal.methods.train;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.LibUtils;
import com.sun.jna.NativeLibrary;
import java.nio.file.Path;

/**
 * libc10's debugging switch {@code caffe2_cpu_allocator_do_junk_fill}: every CPU tensor libtorch
 * allocates while it is on starts as a NaN pattern, so an op that reads memory it never wrote
 * gives NaN every time instead of once in a while.
 */
final class JunkFill {
    private JunkFill() {}

    /** Turns junk filling on or off; false if the flag cannot be found. */
    static boolean set(boolean on) {
        try {
            Engine.getEngine("PyTorch");
            Path lib = Path.of(LibUtils.getLibtorchPath()).resolve(System.mapLibraryName("c10"));
            NativeLibrary.getInstance(lib.toString()).getGlobalVariableAddress("FLAGS_caffe2_cpu_allocator_do_junk_fill")
                    .setByte(0, (byte) (on ? 1 : 0));
            return true;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return false;
        }
    }
}
