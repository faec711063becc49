package io.frugal.harness.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.frugal.core.store.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Runs go into SLURM stages by what they need: a run waits for every input submitted with it. */
class StagesTest {
    private static JsonNode needs(String... inputs) {
        var c = Json.object().put("experiment", "e");
        if (inputs.length > 0) {
            var in = c.putObject("inputs");
            for (int i = 0; i < inputs.length; i++) in.put("role" + i, inputs[i]);
        }
        return c;
    }

    @Test
    void aRunIsOneStageAfterTheLatestRunItNeedsInTheSubmission() {
        Map<String, JsonNode> configs = new LinkedHashMap<>();
        configs.put("flow", needs("clf"));          // listed before what it needs
        configs.put("clf", needs());
        configs.put("probe", needs("flow", "clf"));
        configs.put("other", needs("done-earlier")); // its input is not in this submission: it is done
        assertThat(SlurmSubmitter.stages(configs)).containsExactlyInAnyOrderEntriesOf(
                Map.of("clf", 0, "flow", 1, "probe", 2, "other", 0));
    }

    @Test
    void aCycleIsRefusedRatherThanSubmittedAsJobsThatWaitForEachOtherForever() {
        Map<String, JsonNode> configs = new LinkedHashMap<>();
        configs.put("a", needs("b"));
        configs.put("b", needs("a"));
        assertThatThrownBy(() -> SlurmSubmitter.stages(configs)).hasMessageContaining("cycle");
    }
}
