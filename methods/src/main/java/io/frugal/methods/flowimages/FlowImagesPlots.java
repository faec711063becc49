package io.frugal.methods.flowimages;

import com.fasterxml.jackson.databind.JsonNode;
import io.frugal.core.kind.KindPlot;
import io.frugal.core.kind.KindPlot.Axis;
import io.frugal.core.kind.KindPlot.Point;
import io.frugal.core.kind.KindPlot.ReferenceLine;
import io.frugal.core.kind.KindPlot.Series;
import io.frugal.core.kind.KindPlot.Style;
import io.frugal.core.kind.KindRun;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The flow-images plot, the paper's U-turn figure: per experiment and dataset, the share of U-turn
 * outputs the classifier calls class a against the U-turn time t0, started from class a and from
 * class b (mean over seeds, error bars ± sd), with the target share and the model's own generated
 * share as lines across.
 */
final class FlowImagesPlots {
    private FlowImagesPlots() {}

    static List<KindPlot> of(List<KindRun> runs) {
        Map<String, List<JsonNode>> groups = new LinkedHashMap<>();
        for (KindRun r : runs) {
            if (r.result().raw().path("uturn").path("t0").isArray()) {
                groups.computeIfAbsent(r.planned().experiment() + " / " + r.planned().dataset(), k -> new ArrayList<>()).add(r.result().raw());
            }
        }
        List<KindPlot> out = new ArrayList<>();
        groups.forEach((name, raws) -> {
            List<Series> series = List.of(new Series("from class a", curve(raws, "from_a"), Style.LINE),
                    new Series("from class b", curve(raws, "from_b"), Style.LINE));
            double[] generated = raws.stream().mapToDouble(n -> n.path("proportion_a").asDouble(Double.NaN)).filter(Double::isFinite).toArray();
            List<ReferenceLine> refs = List.of(new ReferenceLine("target share of class a", Axis.Y, raws.get(0).path("target").asDouble(Double.NaN)),
                    new ReferenceLine("generated share of class a", Axis.Y, FlowImagesTables.mean(generated)));
            out.add(new KindPlot("uturn-" + name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", ""),
                    "U-turn curves (" + name + ")", "U-turn time t0 (1 - diffusion time)",
                    "share classified as class a", false, series, refs, List.of(
                            "Test images of one class are noised to diffusion time 1 - t0 and denoised back; the classifier run labels the outputs. "
                                    + "Mean over seeds, error bars ± sd. Where the curve from class b rises is where the class is decided.")));
        });
        return out;
    }

    private static List<Point> curve(List<JsonNode> raws, String key) {
        Map<Double, List<Double>> at = new TreeMap<>();
        for (JsonNode raw : raws) {
            JsonNode u = raw.path("uturn");
            for (int j = 0; j < u.path("t0").size(); j++) {
                at.computeIfAbsent(u.path("t0").path(j).asDouble(), x -> new ArrayList<>()).add(u.path(key).path(j).asDouble(Double.NaN));
            }
        }
        List<Point> points = new ArrayList<>();
        at.forEach((t0, v) -> {
            double[] a = v.stream().mapToDouble(Double::doubleValue).filter(Double::isFinite).toArray();
            if (a.length > 0) points.add(new Point(t0, FlowImagesTables.mean(a), FlowImagesTables.sd(a)));
        });
        return points;
    }
}
