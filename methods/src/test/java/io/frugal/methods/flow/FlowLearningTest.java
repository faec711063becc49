package io.frugal.methods.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frugal.core.store.Json;
import io.frugal.core.kind.StopSignal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real training at a small shape: what the paper's claim 1 says the dilated networks learn. */
class FlowLearningTest {
    @TempDir
    Path temp;

    @Test
    void dilatedTrainingLearnsTheModeWeightAndThePhaseTwoTheoryCurve() {
        FlowSettings s = FlowSettings.parse(Json.parse("""
                {"dimension": 64, "points": 128, "grid_size": 10, "schedule": {"type": "dilated"}, "steps": 400, "seed": 2,
                 "samples": 1000, "eval_every": 100}"""), "");
        List<ObjectNode> metrics = new ArrayList<>();
        ObjectNode r = new FlowTrainer().train(s, temp, new StopSignal(), metrics::add);
        assertThat(metrics).hasSize(4);
        assertThat(r.path("loss").asDouble()).isLessThan(0.75 * metrics.get(0).path("loss").asDouble());
        double trainFraction = r.path("training_mode_fraction").asDouble();
        assertThat(r.path("samples").path("p_hat").asDouble()).isCloseTo(trainFraction, within(0.08));
        JsonNode c = r.path("parameters").path("c");
        JsonNode theory = r.path("theory").path("finite_n").path("c");
        // late in phase 2 c follows the finite-n curve (t = 1.6, 1.8); early in phase 1 c stays near 0
        for (int k = 8; k < 10; k++) assertThat(c.get(k).asDouble()).as("c at grid point %d", k).isCloseTo(theory.get(k).asDouble(), within(0.12));
        for (int k = 1; k < 4; k++) assertThat(Math.abs(c.get(k).asDouble())).as("phase-1 c at %d", k).isLessThan(0.25);
        JsonNode m = r.path("parameters").path("m");
        for (int k = 6; k < 10; k++) assertThat(m.get(k).asDouble()).as("phase-2 m falls").isLessThan(m.get(k - 1).asDouble());
    }
}
