package io.frugal.methods.flowimages;

import com.fasterxml.jackson.databind.JsonNode;
import io.frugal.core.kind.KindRun;
import io.frugal.core.kind.KindTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The flow-images report table: per experiment (and dataset), over its seeds, the generated share
 * of class a (mean ± sd) against the training share, |p̂ − p|, the U-turn switch interval, and the
 * training budget, so uniform and phase-aware time sampling sit side by side at equal budget.
 */
final class FlowImagesTables {
    private FlowImagesTables() {}

    static List<KindTable> of(List<KindRun> runs) {
        if (runs.isEmpty()) return List.of();
        Map<String, List<JsonNode>> groups = new LinkedHashMap<>();
        for (KindRun r : runs) groups.computeIfAbsent(r.planned().experiment() + " / " + r.planned().dataset(), k -> new ArrayList<>()).add(r.result().raw());
        List<List<String>> rows = new ArrayList<>();
        List<List<Double>> numbers = new ArrayList<>();
        for (var e : groups.entrySet()) {
            List<JsonNode> g = e.getValue();
            double[] p = g.stream().mapToDouble(n -> n.path("proportion_a").asDouble()).toArray();
            double[] err = g.stream().mapToDouble(n -> n.path("proportion_error").asDouble()).toArray();
            double[] lo = g.stream().filter(n -> n.path("switch_interval").isArray()).mapToDouble(n -> n.path("switch_interval").get(0).asDouble()).toArray();
            double[] hi = g.stream().filter(n -> n.path("switch_interval").isArray()).mapToDouble(n -> n.path("switch_interval").get(1).asDouble()).toArray();
            JsonNode first = g.get(0);
            double target = first.path("target").asDouble();
            String interval = lo.length == 0 ? "none found" : String.format(Locale.ROOT, "[%.2f, %.2f] (%d of %d seeds)", mean(lo), mean(hi), lo.length, g.size());
            rows.add(List.of(e.getKey(), first.path("time_sampling").asText(), Integer.toString(g.size()),
                    meanSd(p), String.format(Locale.ROOT, "%.2f", target), meanSd(err), interval,
                    String.format(Locale.ROOT, "%.2f", first.path("window_share").asDouble()), Long.toString(first.path("evaluations").asLong())));
            numbers.add(List.of(Double.NaN, Double.NaN, (double) g.size(), mean(p), target, mean(err), lo.length == 0 ? Double.NaN : mean(lo),
                    first.path("window_share").asDouble(), (double) first.path("evaluations").asLong()));
        }
        return List.of(new KindTable("flow-images", "Flow models on two image classes: generated class share and U-turn",
                List.of("experiment / dataset", "time sampling", "seeds", "p̂ (class a) mean ± sd", "target p", "|p̂ − p| mean ± sd",
                        "U-turn switch interval t0", "share of training times in s ∈ [0.4, 0.8)", "images denoised"),
                rows, numbers,
                List.of("p̂: share of generated images whose class-a logit beats the class-b logit of the classifier run each flow run needs; sd over seeds (n − 1).",
                        "Switch interval: for U-turns started from class b, f(t0) = share ending as a; [lo, hi] with hi the largest t0 where f ≥ 5 % of p̂ "
                                + "and lo the largest t0 where f ≥ 95 % of p̂ (mean over the seeds where both exist). t0 = 1 − diffusion time s.",
                        "Rows with the same 'images denoised' are at equal training budget.")));
    }

    /** mean ± sd, or the mean alone when one seed leaves no spread to show. */
    static String meanSd(double[] v) {
        return v.length < 2 ? String.format(Locale.ROOT, "%.3f", mean(v)) : String.format(Locale.ROOT, "%.3f ± %.3f", mean(v), sd(v));
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return v.length == 0 ? Double.NaN : s / v.length;
    }

    static double sd(double[] v) {
        if (v.length < 2) return Double.NaN;
        double m = mean(v);
        double s = 0;
        for (double x : v) s += (x - m) * (x - m);
        return Math.sqrt(s / (v.length - 1));
    }
}
