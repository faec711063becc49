package io.frugal.methods.train;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * Hands the memory that glibc's malloc holds free back to the system, once per epoch.
 *
 * <p>Why: trainers run with {@code MALLOC_MMAP_THRESHOLD_} and {@code MALLOC_TRIM_THRESHOLD_}
 * raised to 4 GiB (the launcher, the local executor and SLURM scripts set them), so that libtorch's
 * large per-step tensors are reused from malloc's arenas instead of being mapped, faulted in and
 * unmapped every step; that setting is worth about 5–8 % of step throughput (BENCHMARKS.md, change
 * 8). Its price is that malloc never gives anything back: memory freed in a fragmented arena stays
 * resident, and over a long run a trainer's resident set crept up by ≈ 120 MiB of native memory
 * although nothing leaked. One {@code malloc_trim(0)} per epoch releases the free pages of every
 * arena (it also releases whole free pages inside the heap, not only its top), so each epoch
 * starts from what is live; the next epoch faults the pages it needs back in, a cost paid once per
 * epoch rather than once per step.
 *
 * <p>Only on Linux with a C library that has {@code malloc_trim} (glibc); elsewhere, or if the
 * call cannot be bound, this does nothing. {@code -Dfrugal.mallocTrim=false}
 * (in {@code FRUGAL_JAVA_OPTS}; trainer JVMs inherit {@code frugal.*} properties) turns it off, to
 * measure what it costs or saves.
 */
final class NativeHeap {
    /** The one libc function needed. */
    private interface CLibrary extends Library {
        int malloc_trim(long pad);
    }

    /** The system property that turns trimming off when it is "false". */
    static final String SWITCH = "frugal.mallocTrim";

    private static volatile CLibrary libc = load();

    private NativeHeap() {}

    private static CLibrary load() {
        if (!Platform.isLinux() || "false".equalsIgnoreCase(System.getProperty(SWITCH))) return null;
        try {
            return Native.load(Platform.C_LIBRARY_NAME, CLibrary.class);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return null;
        }
    }

    /** Whether {@link #releaseFreeMemory} can do anything on this system. */
    static boolean available() {
        return libc != null;
    }

    /**
     * Returns malloc's free memory to the system; true if some was returned. Safe at any time: the
     * C library locks each arena while it trims it.
     */
    static boolean releaseFreeMemory() {
        CLibrary c = libc;
        if (c == null) return false;
        try {
            return c.malloc_trim(0) == 1;
        } catch (UnsatisfiedLinkError e) {
            // a C library without malloc_trim: stop trying
            libc = null;
            return false;
        }
    }
}
