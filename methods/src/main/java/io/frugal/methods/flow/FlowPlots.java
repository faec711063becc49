package io.frugal.methods.flow;

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
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The flow kind's plots, from the done runs' result.json (everything they need is recorded there:
 * p̂ per run, the learned parameters and theory per grid time, the U-turn curves): p̂ against d per
 * experiment with the line at p; each learned parameter (c, m, ω, b) against t per experiment, one
 * series per d, with the n = ∞ and finite-n theory curves; the U-turn curves per experiment. Every
 * point is the mean over the seeds that have it, error bars ± sample sd over them.
 */
final class FlowPlots {
    /** The learned parameters, as recorded under flow.parameters and flow.theory, with their axis names. */
    static final Map<String, String> PARAMETERS = parameters();

    private FlowPlots() {}

    private static Map<String, String> parameters() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("c", "c (weight of x)");
        m.put("m", "m = <u, mu>/d");
        m.put("omega", "omega = <w, mu>/d");
        m.put("b", "b (bias)");
        return m;
    }

    static List<KindPlot> of(List<KindRun> runs) {
        List<KindPlot> out = new ArrayList<>();
        if (runs.isEmpty()) return out;
        out.add(pHatAgainstDimension(runs));
        out.addAll(parameters(runs));
        out.addAll(uturns(runs));
        return out;
    }

    static KindPlot pHatAgainstDimension(List<KindRun> runs) {
        Map<String, Map<Double, List<Double>>> byExperiment = new LinkedHashMap<>();
        TreeSet<Double> ps = new TreeSet<>();
        for (KindRun r : runs) {
            JsonNode raw = r.result().raw();
            String name = label(r.planned().experiment(), raw);
            byExperiment.computeIfAbsent(name, k -> new TreeMap<>()).computeIfAbsent(raw.path("dimension").asDouble(), k -> new ArrayList<>())
                    .add(raw.path("p_hat").asDouble(Double.NaN));
            ps.add(raw.path("p").asDouble(Double.NaN));
        }
        List<Series> series = new ArrayList<>();
        byExperiment.forEach((name, cells) -> series.add(new Series(name, points(cells), Style.LINE)));
        List<ReferenceLine> refs = new ArrayList<>();
        for (double p : ps) refs.add(new ReferenceLine("true p = " + FlowTables.fmt(p), Axis.Y, p));
        return new KindPlot("p-hat-vs-d", "Generated mode fraction p-hat against d", "dimension d", "p-hat (fraction with <x, mu> > 0)",
                true, series, refs, List.of(
                        "Each point: the mean p-hat of an experiment's runs at that d, error bars ± sd over seeds; the dotted line is the mixture's p.",
                        "Without time dilation the mode weight is decided in a window of width ~1/sqrt(d) that the uniform grid misses as d grows; "
                                + "with dilation p-hat should stay at p (within the sampling noise of the n training points)."));
    }

    /** One plot per learned parameter and experiment that recorded theory (the dilated schedule's). */
    static List<KindPlot> parameters(List<KindRun> runs) {
        Map<String, List<JsonNode>> byExperiment = new LinkedHashMap<>();
        for (KindRun r : runs) {
            JsonNode raw = r.result().raw();
            if (!"learned".equals(raw.path("field").asText()) || !raw.path("flow").path("parameters").has("t")) continue;
            byExperiment.computeIfAbsent(r.planned().experiment(), k -> new ArrayList<>()).add(raw);
        }
        List<KindPlot> out = new ArrayList<>();
        byExperiment.forEach((experiment, raws) -> {
            for (var p : PARAMETERS.entrySet()) {
                List<Series> series = new ArrayList<>();
                Map<Double, List<JsonNode>> byD = new TreeMap<>();
                for (JsonNode raw : raws) byD.computeIfAbsent(raw.path("dimension").asDouble(), k -> new ArrayList<>()).add(raw.path("flow"));
                byD.forEach((d, flows) -> series.add(new Series("learned, d = " + String.format(Locale.ROOT, "%.0f", d),
                        overSeeds(flows, f -> f.path("parameters"), p.getKey()), Style.POINTS)));
                List<JsonNode> withTheory = raws.stream().map(r -> r.path("flow")).filter(f -> f.has("theory")).toList();
                if (!withTheory.isEmpty()) {
                    series.add(new Series("theory, n = inf", theory(withTheory, "infinite_n", p.getKey()), Style.THEORY));
                    series.add(new Series("theory, finite n", theory(withTheory, "finite_n", p.getKey()), Style.THEORY));
                }
                String theoryNote = withTheory.isEmpty() ? "This schedule has no recorded theory (the authors' theory is for the dilated schedule)."
                        : "Dashed: theory for n = inf (phase 1, t < 1: c = 0, m = 1, omega = kappa t, b = log(p/(1-p))/2; phase 2: c and m only) "
                                + "and the authors' finite-n overlap theory (lambda_w = " + FlowTables.fmt(FlowTheory.LAMBDA_W) + ", lambda_u = "
                                + FlowTables.fmt(FlowTheory.LAMBDA_U) + ", their constants; their mapping onto the trained weight decay is undocumented).";
                out.add(new KindPlot("parameters-" + slug(experiment) + "-" + p.getKey(), "Learned " + p.getKey() + " against t (" + experiment + ")",
                        "grid time t", p.getValue(), false, series, List.of(), List.of(
                                "Points: the network at each grid time, sign-normalised so that m >= 0; mean over seeds, error bars ± sd.", theoryNote)));
            }
        });
        return out;
    }

    /** One plot per experiment that ran the U-turn probe: the other-mode fraction against t0, a series per d and start mode. */
    static List<KindPlot> uturns(List<KindRun> runs) {
        Map<String, Map<String, List<JsonNode>>> byExperiment = new LinkedHashMap<>();
        for (KindRun r : runs) {
            JsonNode raw = r.result().raw();
            JsonNode u = raw.path("flow").path("uturn");
            if (u.isMissingNode()) continue;
            String name = label(r.planned().experiment(), raw);
            Map<String, List<JsonNode>> curves = byExperiment.computeIfAbsent(name, k -> new LinkedHashMap<>());
            String d = "d = " + raw.path("dimension").asInt();
            for (String mode : List.of("from_plus", "from_minus")) {
                if (u.has(mode)) curves.computeIfAbsent(d + ", " + mode.replace("from_plus", "from + mode").replace("from_minus", "from - mode"),
                        k -> new ArrayList<>()).add(u.path(mode));
            }
        }
        List<KindPlot> out = new ArrayList<>();
        byExperiment.forEach((name, curves) -> {
            List<Series> series = new ArrayList<>();
            curves.forEach((label, nodes) -> {
                Map<Double, List<Double>> at = new TreeMap<>();
                for (JsonNode c : nodes) {
                    for (int k = 0; k < c.path("t0").size(); k++) {
                        at.computeIfAbsent(c.path("t0").path(k).asDouble(), x -> new ArrayList<>())
                                .add(c.path("other_mode_fraction").path(k).asDouble(Double.NaN));
                    }
                }
                series.add(new Series(label, points(at), Style.LINE));
            });
            out.add(new KindPlot("uturn-" + slug(name), "U-turn curves (" + name + ")", "U-turn time t0",
                    "fraction ending in the other mode", false, series, List.of(), List.of(
                            "Samples of one mode are noised to t0 and integrated back; each point is the mean over seeds of the fraction that ends "
                                    + "in the other mode, error bars ± sd. Where the curve falls is where the mode is decided.")));
        });
        return out;
    }

    /** Per grid time, mean ± sd over the runs of one array under {@code parent(flow)}; runs whose grids differ add points of their own. */
    private static List<Point> overSeeds(List<JsonNode> flows, Function<JsonNode, JsonNode> parent, String key) {
        Map<Double, List<Double>> at = new TreeMap<>();
        for (JsonNode f : flows) {
            JsonNode t = f.path("parameters").path("t");
            JsonNode v = parent.apply(f).path(key);
            for (int k = 0; k < t.size(); k++) at.computeIfAbsent(t.path(k).asDouble(), x -> new ArrayList<>()).add(v.path(k).asDouble(Double.NaN));
        }
        return points(at);
    }

    /** The theory curve of the first run with theory (n = inf does not depend on the seed; finite n: mean over seeds). */
    private static List<Point> theory(List<JsonNode> flows, String which, String key) {
        List<Point> pts = overSeeds(flows, f -> f.path("theory").path(which), key);
        return pts.stream().map(p -> Point.of(p.x(), p.y())).toList();
    }

    /** x → values: mean ± sample sd of the finite ones (no error bar for one value); x without a finite value is left out. */
    static List<Point> points(Map<Double, List<Double>> values) {
        List<Point> out = new ArrayList<>();
        values.forEach((x, v) -> {
            double m = FlowTables.mean(v);
            if (Double.isFinite(m)) out.add(new Point(x, m, FlowTables.sd(v)));
        });
        return out;
    }

    /** The experiment, with its schedule where its name does not already say it ("uniform", not "uniform (uniform)"). */
    static String label(String experiment, JsonNode raw) {
        String schedule = FlowTables.scheduleLabel(raw);
        return schedule.equals(experiment) ? experiment : experiment + " (" + schedule + ")";
    }

    static String slug(String s) {
        String out = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return out.isEmpty() ? "x" : out;
    }
}
