package io.frugal.methods.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class NativeHeapTest {
    @Test
    @EnabledOnOs(OS.LINUX)
    void bindsMallocTrimOnLinuxAndTrimsAfterLibtorchFreesATensor() {
        // the per-epoch trim is what keeps a long run's resident set flat; if JNA cannot bind
        // malloc_trim here (CI's glibc), trainers silently lose it
        assertThat(NativeHeap.available()).isTrue();
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray big = manager.ones(new ai.djl.ndarray.types.Shape(64, 1024, 1024));
            assertThat(big.sum().getFloat()).isEqualTo(64f * 1024 * 1024);
        }
        // callable any time, any number of times
        NativeHeap.releaseFreeMemory();
        NativeHeap.releaseFreeMemory();
        assertThat(NativeHeap.available()).isTrue();
    }
}
