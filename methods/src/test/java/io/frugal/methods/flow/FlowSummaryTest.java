package io.frugal.methods.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frugal.core.store.Json;
import org.junit.jupiter.api.Test;

/** The single numbers the paper's claims are about, read off a flow result's per-grid-time arrays. */
class FlowSummaryTest {
    @Test
    void parametersAtTheNoiseEndAtTOneAndOverPhaseOneAndTheUTurnHalfCrossing() {
        ObjectNode flow = Json.object();
        ObjectNode p = flow.putObject("parameters");
        double[] t = {0.0, 0.5, 0.9, 1.2, 2.0}; // a dilated grid: phase 1 is t <= 1
        p.set("t", FlowResults.array(t));
        p.set("b", FlowResults.array(new double[] {3.3, 2.0, 0.5, 0.3, 0.2}));
        p.set("m", FlowResults.array(new double[] {0.56, 0.8, 1.0, 0.7, 0.0}));
        p.set("omega", FlowResults.array(new double[] {0.0, 0.3, 0.55, 0.1, 0.0}));
        p.set("c", FlowResults.array(new double[] {0.02, 0.04, 0.03, 1.2, 1.0}));
        ObjectNode minus = flow.putObject("uturn").putObject("from_minus");
        minus.set("t0", FlowResults.array(new double[] {0.8, 0.6, 0.4, 0.2})); // any order: sorted by t0 first
        minus.set("other_mode_fraction", FlowResults.array(new double[] {0.0, 0.1, 0.7, 0.8}));
        ObjectNode r = Json.object();
        FlowSummary.put(r, flow, 0.8);
        assertThat(r.path("b_t0").asDouble()).isEqualTo(3.3);
        assertThat(r.path("m_t0").asDouble()).isEqualTo(0.56);
        assertThat(r.path("omega_t1").asDouble()).as("the grid time nearest 1 is 0.9").isEqualTo(0.55);
        assertThat(r.path("c_phase1").asDouble()).isCloseTo(0.03, within(1e-12));
        // 0.7 at t0 = 0.4 and 0.1 at 0.6: one half is a third of the way, t0 = 0.4667
        assertThat(r.path("uturn_t0_half").asDouble()).isCloseTo(0.4 + 0.2 / 3, within(1e-12));
    }

    @Test
    void aRunWithoutLearnedParametersOrACrossingReportsNoNumberForThem() {
        ObjectNode flow = Json.object(); // an exact-field run: no parameters
        ObjectNode minus = flow.putObject("uturn").putObject("from_minus");
        minus.set("t0", FlowResults.array(new double[] {0.2, 0.4}));
        minus.set("other_mode_fraction", FlowResults.array(new double[] {0.4, 0.3})); // never above one half
        ObjectNode r = Json.object();
        FlowSummary.put(r, flow, 0.8);
        assertThat(r.isEmpty()).as(r.toString()).isTrue();
    }
}
