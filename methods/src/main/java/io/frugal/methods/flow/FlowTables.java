package io.frugal.methods.flow;

import com.fasterxml.jackson.databind.JsonNode;
import io.frugal.core.kind.KindRun;
import io.frugal.core.kind.KindTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * The flow kind's report tables, from the done runs' result.json: p̂ against d per experiment,
 * learned parameters against theory, U-turn switch intervals, and phase-aware against even grids
 * at the same budget. Every cell is a mean ± sample sd over the seeds of its group (n given).
 */
final class FlowTables {
    /** Dilated-schedule times at which learned parameters are set beside theory (nearest grid point). */
    static final double[] PARAMETER_TIMES = {0.0, 0.5, 0.9, 1.25, 1.5, 1.9};

    private FlowTables() {}

    static List<KindTable> of(List<KindRun> runs) {
        List<KindTable> out = new ArrayList<>();
        if (runs.isEmpty()) return out;
        out.add(pHatAgainstDimension(runs));
        KindTable params = parameters(runs);
        if (params != null) out.add(params);
        KindTable uturn = uturn(runs);
        if (uturn != null) out.add(uturn);
        KindTable phase = phaseAware(runs);
        if (phase != null) out.add(phase);
        return out;
    }

    // (a) ------------------------------------------------------------------------------------------

    static KindTable pHatAgainstDimension(List<KindRun> runs) {
        Set<String> experiments = new LinkedHashSet<>();
        Map<Integer, Map<String, List<Double>>> cells = new TreeMap<>();
        Map<Integer, Map<String, List<Double>>> exactBeside = new TreeMap<>();
        Map<Integer, List<Double>> ps = new TreeMap<>();
        Map<Integer, List<Double>> trainingFraction = new TreeMap<>();
        for (KindRun r : runs) {
            JsonNode raw = r.result().raw();
            int d = raw.path("dimension").asInt();
            String e = r.planned().experiment() + " (" + scheduleLabel(raw) + ")";
            experiments.add(e);
            cells.computeIfAbsent(d, k -> new LinkedHashMap<>()).computeIfAbsent(e, k -> new ArrayList<>()).add(raw.path("p_hat").asDouble());
            JsonNode exact = raw.path("flow").path("exact_field_samples");
            if ("learned".equals(raw.path("field").asText()) && exact.has("p_hat")) {
                exactBeside.computeIfAbsent(d, k -> new LinkedHashMap<>()).computeIfAbsent(e, k -> new ArrayList<>()).add(exact.path("p_hat").asDouble());
            }
            ps.computeIfAbsent(d, k -> new ArrayList<>()).add(raw.path("p").asDouble());
            if (raw.has("training_mode_fraction")) trainingFraction.computeIfAbsent(d, k -> new ArrayList<>()).add(raw.path("training_mode_fraction").asDouble());
        }
        List<String> columns = new ArrayList<>(List.of("d", "p", "training set's mode fraction"));
        columns.addAll(experiments);
        List<List<String>> rows = new ArrayList<>();
        List<List<Double>> numbers = new ArrayList<>();
        for (var entry : cells.entrySet()) {
            int d = entry.getKey();
            List<String> row = new ArrayList<>(List.of(Integer.toString(d), fmt(mean(ps.get(d))), meanSd(trainingFraction.get(d))));
            List<Double> num = new ArrayList<>(List.of((double) d, mean(ps.get(d)), mean(trainingFraction.get(d))));
            for (String e : experiments) {
                List<Double> v = entry.getValue().get(e);
                List<Double> x = exactBeside.getOrDefault(d, Map.of()).get(e);
                row.add(meanSd(v) + (x == null ? "" : " [exact field " + meanSd(x) + "]"));
                num.add(mean(v));
            }
            rows.add(row);
            numbers.add(num);
        }
        return new KindTable("flow-p-hat", "Generated mode fraction p-hat against d", columns, rows, numbers, List.of(
                "p-hat: the fraction of generated samples with <x, mu> > 0, mean ± sd over seeds (n seeds in parentheses). "
                        + "A learned field can at best recover the training set's own mode fraction (n points drawn with p), shown beside p.",
                "Experiments whose field is exact sample the mixture's Bayes denoiser on the same grid without training: "
                        + "they show what the schedule and grid alone allow. [exact field ...] beside a learned cell: the same run's exact-field "
                        + "reference sampled with exact_euler_steps even steps."));
    }

    // (b) ------------------------------------------------------------------------------------------

    static KindTable parameters(List<KindRun> runs) {
        Map<String, List<JsonNode>> groups = new LinkedHashMap<>();
        for (KindRun r : runs) {
            JsonNode raw = r.result().raw();
            if (!raw.path("flow").has("theory") || !"learned".equals(raw.path("field").asText())) continue;
            groups.computeIfAbsent(r.planned().experiment() + "\u0000" + raw.path("dimension").asInt(), k -> new ArrayList<>()).add(raw.path("flow"));
        }
        if (groups.isEmpty()) return null;
        List<String> columns = List.of("experiment", "d", "t", "c", "c theory (n=inf / finite n)", "m", "m theory", "omega", "omega theory", "b", "b theory");
        List<List<String>> rows = new ArrayList<>();
        List<List<Double>> numbers = new ArrayList<>();
        double lambdaW = Double.NaN;
        double lambdaU = Double.NaN;
        for (var g : groups.entrySet()) {
            String[] key = g.getKey().split("\u0000");
            JsonNode first = g.getValue().get(0);
            JsonNode t = first.path("parameters").path("t");
            lambdaW = first.path("theory").path("finite_n").path("lambda_w").asDouble();
            lambdaU = first.path("theory").path("finite_n").path("lambda_u").asDouble();
            Set<Integer> indices = new TreeSet<>();
            for (double want : PARAMETER_TIMES) indices.add(nearest(t, want));
            for (int k : indices) {
                List<String> row = new ArrayList<>(List.of(key[0], key[1], fmt(t.path(k).asDouble())));
                List<Double> num = new ArrayList<>(List.of(Double.NaN, Double.parseDouble(key[1]), t.path(k).asDouble()));
                for (String p : List.of("c", "m", "omega", "b")) {
                    List<Double> learned = values(g.getValue(), f -> f.path("parameters").path(p).path(k).asDouble(Double.NaN));
                    row.add(meanSd(learned));
                    num.add(mean(learned));
                    double inf = first.path("theory").path("infinite_n").path(p).path(k).asDouble(Double.NaN);
                    List<Double> fin = values(g.getValue(), f -> f.path("theory").path("finite_n").path(p).path(k).asDouble(Double.NaN));
                    row.add(fmt(inf) + " / " + fmt(mean(fin)));
                    num.add(mean(fin));
                }
                rows.add(row);
                numbers.add(num);
            }
        }
        return new KindTable("flow-parameters", "Learned parameters against theory (dilated schedule)", columns, rows, numbers, List.of(
                "Learned: c, m = <u, mu>/d, omega = <w, mu>/d, b of the network at the grid time nearest t, sign-normalised so that m >= 0; mean ± sd over seeds.",
                "Theory: n = inf (phase 1, t < 1: c = 0, m = 1, omega = kappa t, b = log(p/(1-p))/2; phase 2: c and m only) / finite n "
                        + "(the authors' overlap theory, with their constants lambda_w = " + fmt(lambdaW) + " and lambda_u = " + fmt(lambdaU)
                        + "; how these map onto the trained weight decay is undocumented, so they are used as given, not derived from it). "
                        + "'-' where the theory gives no value."));
    }

    // (c) ------------------------------------------------------------------------------------------

    static KindTable uturn(List<KindRun> runs) {
        Map<String, List<JsonNode>> groups = new LinkedHashMap<>();
        for (KindRun r : runs) {
            JsonNode raw = r.result().raw();
            if (!raw.path("flow").has("uturn")) continue;
            groups.computeIfAbsent(r.planned().experiment() + " (" + scheduleLabel(raw) + ")\u0000" + raw.path("dimension").asInt(), k -> new ArrayList<>())
                    .add(raw.path("flow"));
        }
        if (groups.isEmpty()) return null;
        List<String> columns = List.of("experiment", "d", "field", "switch from + mode: t0", "from - mode: t0", "union as tau (data fraction)", "phase-1 end (t)");
        List<List<String>> rows = new ArrayList<>();
        List<List<Double>> numbers = new ArrayList<>();
        for (var g : groups.entrySet()) {
            String[] key = g.getKey().split("\u0000");
            List<JsonNode> flows = g.getValue();
            JsonNode knots = flows.get(0).path("schedule_knots").path("knots");
            List<Double> pf = values(flows, f -> f.path("uturn").path("from_plus").path("switch_window").path(0).asDouble(Double.NaN));
            List<Double> pt = values(flows, f -> f.path("uturn").path("from_plus").path("switch_window").path(1).asDouble(Double.NaN));
            List<Double> mf = values(flows, f -> f.path("uturn").path("from_minus").path("switch_window").path(0).asDouble(Double.NaN));
            List<Double> mt = values(flows, f -> f.path("uturn").path("from_minus").path("switch_window").path(1).asDouble(Double.NaN));
            List<Double> lo = values(flows, f -> tau(knots, FlowRunTrainer.window(f.path("uturn"))[0]));
            List<Double> hi = values(flows, f -> tau(knots, FlowRunTrainer.window(f.path("uturn"))[1]));
            boolean dilated = "dilated".equals(flows.get(0).path("schedule_knots").path("name").asText());
            String field = flows.get(0).has("samples") ? "learned" : "exact";
            rows.add(List.of(key[0], key[1], field, "[" + meanSd(pf) + ", " + meanSd(pt) + "]", "[" + meanSd(mf) + ", " + meanSd(mt) + "]",
                    "[" + meanSd(lo) + ", " + meanSd(hi) + "]", dilated ? "1" : "-"));
            numbers.add(List.of(Double.NaN, Double.parseDouble(key[1]), Double.NaN, mean(pf), mean(mf), mean(lo), dilated ? 1.0 : Double.NaN));
        }
        return new KindTable("flow-uturn", "U-turn switch interval", columns, rows, numbers, List.of(
                "U-turn: samples of one mode are noised to t0 and integrated back; the switch interval is where the fraction ending in the other mode "
                        + "falls from 90 % to 10 % of its range (first crossings, interpolated between grid points); mean ± sd over seeds.",
                "tau = b(t0), the data fraction at the interval's ends, makes schedules comparable. With the dilation, phase 1 is t < 1."));
    }

    // (d) ------------------------------------------------------------------------------------------

    static KindTable phaseAware(List<KindRun> runs) {
        Map<String, KindRun> byId = new LinkedHashMap<>();
        for (KindRun r : runs) byId.put(r.planned().id(), r);
        Map<String, List<KindRun[]>> pairs = new LinkedHashMap<>();
        for (KindRun r : runs) {
            String input = r.planned().inputs().get(FlowRunConfig.UTURN_ROLE);
            if (input == null || !byId.containsKey(input)) continue;
            String key = byId.get(input).planned().experiment() + "\u0000" + r.planned().experiment() + "\u0000" + r.result().raw().path("dimension").asInt();
            pairs.computeIfAbsent(key, k -> new ArrayList<>()).add(new KindRun[] {byId.get(input), r});
        }
        if (pairs.isEmpty()) return null;
        List<String> columns = List.of("d", "even grid", "phase-aware grid", "budget (field evaluations)", "|p-hat - p| even", "|p-hat - p| phase-aware",
                "p-hat even", "p-hat phase-aware", "window (t)");
        List<List<String>> rows = new ArrayList<>();
        List<List<Double>> numbers = new ArrayList<>();
        for (var g : pairs.entrySet()) {
            String[] key = g.getKey().split("\u0000");
            List<KindRun[]> ps = g.getValue();
            List<Double> errEven = new ArrayList<>();
            List<Double> errAware = new ArrayList<>();
            List<Double> pEven = new ArrayList<>();
            List<Double> pAware = new ArrayList<>();
            List<Double> from = new ArrayList<>();
            List<Double> to = new ArrayList<>();
            long budgetEven = ps.get(0)[0].result().evaluations();
            long budgetAware = ps.get(0)[1].result().evaluations();
            for (KindRun[] p : ps) {
                errEven.add(p[0].result().raw().path("p_hat_error").asDouble());
                errAware.add(p[1].result().raw().path("p_hat_error").asDouble());
                pEven.add(p[0].result().raw().path("p_hat").asDouble());
                pAware.add(p[1].result().raw().path("p_hat").asDouble());
                JsonNode w = p[1].result().raw().path("flow").path("settings").path("grid_window");
                from.add(w.path("from").asDouble(Double.NaN));
                to.add(w.path("to").asDouble(Double.NaN));
            }
            String budget = budgetEven == budgetAware ? Long.toString(budgetEven) : budgetEven + " vs " + budgetAware + " (NOT equal)";
            rows.add(List.of(key[2], key[0], key[1], budget, meanSd(errEven), meanSd(errAware), meanSd(pEven), meanSd(pAware),
                    "[" + meanSd(from) + ", " + meanSd(to) + "]"));
            numbers.add(List.of(Double.parseDouble(key[2]), Double.NaN, Double.NaN, (double) budgetAware, mean(errEven), mean(errAware), mean(pEven),
                    mean(pAware), mean(from)));
        }
        return new KindTable("flow-phase-aware", "Phase-aware against even grid at equal budget", columns, rows, numbers, List.of(
                "Each phase-aware run puts a share of its T networks into the U-turn switch interval measured by the even-grid run it needs "
                        + "(same dataset and seed); the other points spread evenly. Same steps, n and T: the same field evaluations.",
                "Seeds are paired (the phase-aware run of seed s uses the window of the even-grid run of seed s)."));
    }

    // helpers ----------------------------------------------------------------------------------------

    static String scheduleLabel(JsonNode raw) {
        JsonNode s = raw.path("flow").path("settings");
        String type = s.path("schedule").path("type").asText("?");
        String grid = s.has("grid_window") ? ", phase-aware grid" : "";
        return type + grid + ("exact".equals(raw.path("field").asText()) ? ", exact field" : "");
    }

    static int nearest(JsonNode t, double want) {
        int best = 0;
        for (int k = 1; k < t.size(); k++) {
            if (Math.abs(t.path(k).asDouble() - want) < Math.abs(t.path(best).asDouble() - want)) best = k;
        }
        return best;
    }

    /** τ at t from the recorded knots [[t, τ], ...] (piecewise linear). */
    static double tau(JsonNode knots, double t) {
        if (!Double.isFinite(t)) return Double.NaN;
        for (int i = 0; i + 1 < knots.size(); i++) {
            double t0 = knots.path(i).path(0).asDouble();
            double t1 = knots.path(i + 1).path(0).asDouble();
            if (t <= t1 || i + 2 == knots.size()) {
                double f0 = knots.path(i).path(1).asDouble();
                double f1 = knots.path(i + 1).path(1).asDouble();
                return f0 + (t - t0) / (t1 - t0) * (f1 - f0);
            }
        }
        return Double.NaN;
    }

    static List<Double> values(List<JsonNode> nodes, ToDoubleFunction<JsonNode> f) {
        List<Double> out = new ArrayList<>();
        for (JsonNode n : nodes) out.add(f.applyAsDouble(n));
        return out;
    }

    static double mean(List<Double> v) {
        if (v == null) return Double.NaN;
        double s = 0;
        int n = 0;
        for (double x : v) {
            if (Double.isFinite(x)) {
                s += x;
                n++;
            }
        }
        return n == 0 ? Double.NaN : s / n;
    }

    static String meanSd(List<Double> v) {
        if (v == null) return "-";
        List<Double> finite = v.stream().filter(Double::isFinite).toList();
        if (finite.isEmpty()) return "-";
        double m = mean(finite);
        if (finite.size() == 1) return fmt(m) + " (n 1)";
        String missing = finite.size() < v.size() ? ", " + (v.size() - finite.size()) + " undefined" : "";
        return fmt(m) + " ± " + fmt(sd(finite)) + " (n " + finite.size() + missing + ")";
    }

    /** Sample sd (n − 1) of the finite values; NaN with fewer than two. */
    static double sd(List<Double> v) {
        if (v == null) return Double.NaN;
        List<Double> finite = v.stream().filter(Double::isFinite).toList();
        if (finite.size() < 2) return Double.NaN;
        double m = mean(finite);
        double ss = 0;
        for (double x : finite) ss += (x - m) * (x - m);
        return Math.sqrt(ss / (finite.size() - 1));
    }

    static String fmt(double x) {
        if (!Double.isFinite(x)) return "-";
        return String.format(Locale.ROOT, "%.3f", x);
    }
}
