package io.frugal.harness.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a local trainer's environment gets: the native settings, unless the user set their own. */
class NativeEnvTest {
    @Test
    void anEmptyEnvironmentGetsEverySetting() {
        Map<String, String> env = new HashMap<>();
        TrainerProcess.applyNativeEnv(env);
        assertThat(env).isEqualTo(TrainerProcess.NATIVE_ENV);
        assertThat(env).containsEntry("GOMP_SPINCOUNT", "1000").doesNotContainKey("OMP_WAIT_POLICY");
    }

    @Test
    void aUsersOwnValuesWinAndTheirWaitPolicyReplacesTheSpinCount() {
        Map<String, String> env = new HashMap<>(Map.of("OMP_WAIT_POLICY", "PASSIVE", "MALLOC_MMAP_THRESHOLD_", "65536"));
        TrainerProcess.applyNativeEnv(env);
        assertThat(env).containsEntry("OMP_WAIT_POLICY", "PASSIVE").containsEntry("MALLOC_MMAP_THRESHOLD_", "65536")
                .containsEntry("MALLOC_TRIM_THRESHOLD_", "4294967296").doesNotContainKey("GOMP_SPINCOUNT");
    }

    @Test
    void anEmptyWaitPolicyCountsAsUnsetAsInTheLauncher() {
        Map<String, String> env = new HashMap<>(Map.of("OMP_WAIT_POLICY", ""));
        TrainerProcess.applyNativeEnv(env);
        assertThat(env).containsEntry("GOMP_SPINCOUNT", "1000");
    }

    @Test
    void everySettingIsAmongTheVariablesBenchmarksReportAndRemoveFromThePeer() {
        assertThat(TrainerProcess.NATIVE_VARIABLES).containsAll(TrainerProcess.NATIVE_ENV.keySet()).contains("OMP_WAIT_POLICY");
    }
}
