package io.frugal.methods.flow;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frugal.core.store.Json;
import java.util.List;

/** Every JSON node a flow run produces is built here: metrics lines and the final result. */
final class FlowResults {
    private FlowResults() {}

    static ObjectNode metrics(long step, long plannedSteps, double loss, double seconds) {
        return Json.object().put("step", step).put("planned_steps", plannedSteps).put("loss", loss).put("seconds", seconds);
    }

    static ObjectNode interrupted(long step, long plannedSteps, double loss, double seconds, String reason) {
        ObjectNode o = Json.object().put("status", "interrupted").put("reason", reason);
        return o.put("steps", step).put("planned_steps", plannedSteps).put("loss", loss).put("seconds", seconds);
    }

    static ObjectNode samples(SampleStats s) {
        double[] ci = s.wilson95();
        ObjectNode o = Json.object().put("count", s.total()).put("p_hat", s.plusFraction());
        o.putArray("p_hat_ci95").add(ci[0]).add(ci[1]);
        return o.put("within_mode_variance", s.withinModeVariance());
    }

    /** Per-grid-time arrays: t, c, m, ω, b (learned, sign-normalised). */
    static ObjectNode parameters(TimeGrid grid, LearnedParameters p) {
        ObjectNode o = Json.object();
        o.set("t", grid.toJson());
        o.set("c", array(p.c()));
        o.set("m", array(p.m()));
        o.set("omega", array(p.omega()));
        o.set("b", array(p.b()));
        o.put("sign_rule", "(u, w, b) -> -(u, w, b) where m < 0; f is unchanged since tanh is odd");
        return o;
    }

    static ObjectNode theory(List<FlowTheory.Parameters> params) {
        double[][] cols = new double[4][params.size()];
        for (int k = 0; k < params.size(); k++) {
            FlowTheory.Parameters p = params.get(k);
            cols[0][k] = p.c();
            cols[1][k] = p.m();
            cols[2][k] = p.omega();
            cols[3][k] = p.b();
        }
        ObjectNode o = Json.object();
        o.set("c", array(cols[0]));
        o.set("m", array(cols[1]));
        o.set("omega", array(cols[2]));
        o.set("b", array(cols[3]));
        return o;
    }

    static ObjectNode uturn(UTurn.Curve c) {
        ObjectNode o = Json.object().put("start_mode", c.mode());
        o.set("t0", array(c.times()));
        o.set("other_mode_fraction", array(c.otherModeFraction()));
        o.putArray("switch_window").add(c.switchFrom()).add(c.switchTo());
        o.put("switch_rule", "first t0 where the fraction falls to min + 0.9 and to min + 0.1 of its range");
        return o;
    }

    /** NaN (a value the theory does not give) becomes JSON null. */
    static ArrayNode array(double[] values) {
        ArrayNode a = Json.array();
        for (double v : values) {
            if (Double.isFinite(v)) a.add(v);
            else a.addNull();
        }
        return a;
    }
}
