package io.frugal.methods.train;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.LibUtils;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.nio.file.Path;

/**
 * Turns off libtorch's oneDNN (mkldnn) kernels, so that convolutions run on ATen's own CPU
 * implementation (im2col and an MKL matrix product).
 *
 * <p>Why: on this project's 2-core AMD EPYC (AVX-512 with bf16), the oneDNN convolutions of
 * libtorch 2.5.1 give wrong results whenever the input channel count is not a multiple of the
 * vector block (16 floats; 8 with {@code ONEDNN_MAX_CPU_ISA=AVX2}): oneDNN copies input and
 * weights into a blocked layout padded up to the next block, and the padded channels take part in
 * the sums. Against a plain Java reference, a 20-channel convolution was off by up to 3.9 in
 * 99.7 % of its outputs, a 16- or 32-channel one exact. The HVC
 * network has 20, 24, 28 and 36 channel inputs at width 0.25. Where the padding holds stale bytes
 * that read as NaN or ±∞ (recycled heap memory: the trainers raise glibc's mmap threshold), the
 * whole output is NaN, which is how it showed: training diverged at a random batch, 6 of 10
 * quickstart runs; with libc10's {@code caffe2_cpu_allocator_do_junk_fill} (fresh memory a NaN
 * pattern) the first forward pass was NaN every time. Where the padding is finite the results are
 * merely wrong, and with 2 threads differ from run to run. ATen's convolution is exact against the
 * reference, gives the same numbers with 1 and 2 threads, and stays finite under junk fill.
 *
 * <p>The switch is {@code at::globalContext().setUserEnabledMkldnn(false)} (what PyTorch's
 * {@code torch.backends.mkldnn.enabled = False} sets), called through JNA because DJL does not
 * expose it. {@code -Dfrugal.onednn=true} leaves oneDNN on, to measure what this costs.
 */
public final class OneDnn {
    /** The system property that leaves oneDNN on when it is "true". */
    static final String SWITCH = "frugal.onednn";

    private OneDnn() {}

    /**
     * Makes libtorch stop using oneDNN kernels in this process (loading the engine if needed).
     * True if it is off now; false where the switch keeps it on or this libtorch build has no
     * such setting.
     */
    public static boolean disable() {
        if ("true".equalsIgnoreCase(System.getProperty(SWITCH))) return false;
        return setEnabled(false);
    }

    /** Turns oneDNN on or off; true if libtorch now reports the requested state. */
    static synchronized boolean setEnabled(boolean enabled) {
        try {
            Engine.getEngine("PyTorch"); // libtorch must be loaded: it is found where DJL loaded it from
            Path lib = Path.of(LibUtils.getLibtorchPath()).resolve(System.mapLibraryName("torch_cpu"));
            NativeLibrary torch = NativeLibrary.getInstance(lib.toString());
            Pointer context = torch.getFunction("_ZN2at13globalContextEv").invokePointer(new Object[0]);
            torch.getFunction("_ZN2at7Context20setUserEnabledMkldnnEb").invokeVoid(new Object[] {context, enabled});
            boolean now = (torch.getFunction("_ZNK2at7Context17userEnabledMkldnnEv").invokeInt(new Object[] {context}) & 0xff) != 0;
            return now == enabled;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return false;
        }
    }
}
