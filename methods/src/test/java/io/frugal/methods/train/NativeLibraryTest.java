package io.frugal.methods.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.List;
import org.junit.jupiter.api.Test;

class NativeLibraryTest {
    @Test
    void theBundledCpuBuildFitsThisMachine() {
        // the tests run the default build (pytorch-native-cpu), which DJL takes on any machine
        assertThatCode(NativeLibrary::requireBundledBuildFits).doesNotThrowAnyException();
    }

    @Test
    void aCudaBuildOnAMachineWithoutAGpuIsNamedInsteadOfADownloadAttempt() {
        // what a -Pcuda frugal on a login node or CPU partition meets (checked by hand on such a machine)
        assertThat(NativeLibrary.problem(List.of("cu124"), false, "cpu", null)).hasValueSatisfying(p -> assertThat(p)
                .contains("bundles the libtorch build(s) [cu124]", "no CUDA GPU is usable", "CUDA_VISIBLE_DEVICES=unset", "without -Pcuda"));
        assertThat(NativeLibrary.problem(List.of("cu124"), false, "cpu", "")).hasValueSatisfying(p -> assertThat(p)
                .contains("CUDA_VISIBLE_DEVICES=''"));
    }

    @Test
    void aCudaBuildUnderADriverOfAnotherCudaMajorVersionSaysWhichOneTheDriverHas() {
        assertThat(NativeLibrary.problem(List.of("cu124"), false, "cu118", "0")).hasValueSatisfying(p -> assertThat(p)
                .contains("supports CUDA 11.8 (cu118)"));
    }

    @Test
    void aFittingBuildOrNoneBundledAtAll() {
        assertThat(NativeLibrary.problem(List.of("cpu"), true, "cpu", null)).isEmpty();
        assertThat(NativeLibrary.problem(List.of("cu124"), true, "cu126", "0")).isEmpty();
        assertThat(NativeLibrary.problem(List.of(), false, "cpu", null)).hasValueSatisfying(p -> assertThat(p).contains("no libtorch build is bundled"));
    }
}
