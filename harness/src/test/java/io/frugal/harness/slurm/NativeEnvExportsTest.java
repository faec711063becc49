package io.frugal.harness.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A SLURM task gets the same native settings as a local trainer, and a user's own settings,
 * passed on by sbatch from the submitting environment, are kept: the script's lines are run by bash.
 */
class NativeEnvExportsTest {
    private static String run(Map<String, String> env) throws Exception {
        String script = SlurmSubmitter.nativeEnvExports()
                + "printf '%s|%s|%s|%s' \"${GOMP_SPINCOUNT-unset}\" \"${OMP_WAIT_POLICY-unset}\" \"$MALLOC_MMAP_THRESHOLD_\" \"$MALLOC_TRIM_THRESHOLD_\"\n";
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", script);
        pb.environment().keySet().removeAll(java.util.List.of("GOMP_SPINCOUNT", "OMP_WAIT_POLICY", "MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_"));
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isZero();
        return out;
    }

    @Test
    void aTaskWithoutSettingsOfItsOwnGetsTheExecutorsNativeSettings() throws Exception {
        assertThat(run(Map.of())).isEqualTo("1000|unset|4294967296|4294967296");
    }

    @Test
    void aUsersWaitPolicyReplacesTheSpinCountAndTheirThresholdsAreKept() throws Exception {
        assertThat(run(Map.of("OMP_WAIT_POLICY", "ACTIVE", "MALLOC_TRIM_THRESHOLD_", "0"))).isEqualTo("unset|ACTIVE|4294967296|0");
        assertThat(run(Map.of("GOMP_SPINCOUNT", "50"))).isEqualTo("50|unset|4294967296|4294967296");
    }
}
