package io.frugal.methods.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The single numbers of a flow run that the paper's claims are about, read off the per-grid-time
 * arrays of its result: the learned parameters at the noise end (b and m at the first grid time),
 * ω at the end of phase 1 (the grid time nearest t = 1), c averaged over phase 1 (t ≤ 1), and the
 * U-turn time at which half of the samples started in the minority mode end in the other one. A
 * run that lacks the arrays (an exact-field run has no learned parameters; no U-turn probe) lacks
 * the number, rather than reporting a made-up one.
 */
final class FlowSummary {
    static final String B_T0 = "b_t0";
    static final String M_T0 = "m_t0";
    static final String OMEGA_T1 = "omega_t1";
    static final String C_PHASE1 = "c_phase1";
    static final String UTURN_T0_HALF = "uturn_t0_half";
    static final java.util.List<String> KEYS = java.util.List.of(B_T0, M_T0, OMEGA_T1, C_PHASE1, UTURN_T0_HALF);

    private FlowSummary() {}

    /** Puts each number the run's {@code flow} node gives into {@code result}. */
    static void put(ObjectNode result, JsonNode flow, double p) {
        JsonNode params = flow.path("parameters");
        double[] t = doubles(params.path("t"));
        if (t.length > 0) {
            putFinite(result, B_T0, doubles(params.path("b"))[0]);
            putFinite(result, M_T0, doubles(params.path("m"))[0]);
            double[] omega = doubles(params.path("omega"));
            if (omega.length == t.length) putFinite(result, OMEGA_T1, omega[nearest(t, 1.0)]);
            double[] c = doubles(params.path("c"));
            double sum = 0;
            int n = 0;
            for (int k = 0; k < Math.min(t.length, c.length); k++) {
                if (t[k] <= 1.0 + 1e-12 && Double.isFinite(c[k])) {
                    sum += c[k];
                    n++;
                }
            }
            if (n > 0) putFinite(result, C_PHASE1, sum / n);
        }
        // the minority mode: the one a start is most often pulled out of
        JsonNode curve = flow.path("uturn").path(p >= 0.5 ? "from_minus" : "from_plus");
        if (!curve.isMissingNode()) putFinite(result, UTURN_T0_HALF, UTurn.halfCrossing(doubles(curve.path("t0")), doubles(curve.path("other_mode_fraction"))));
    }

    private static int nearest(double[] t, double target) {
        int best = 0;
        for (int k = 1; k < t.length; k++) if (Math.abs(t[k] - target) < Math.abs(t[best] - target)) best = k;
        return best;
    }

    private static void putFinite(ObjectNode result, String key, double v) {
        if (Double.isFinite(v)) result.put(key, v);
    }

    /** A JSON array of numbers (null for a value the run could not give: NaN). */
    private static double[] doubles(JsonNode a) {
        if (!a.isArray()) return new double[0];
        double[] out = new double[a.size()];
        for (int i = 0; i < a.size(); i++) out[i] = a.get(i).isNumber() ? a.get(i).asDouble() : Double.NaN;
        return out;
    }
}
