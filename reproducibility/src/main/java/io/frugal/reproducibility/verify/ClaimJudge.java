package io.frugal.reproducibility.verify;

import io.frugal.analysis.stats.PowerAnalysis;
import io.frugal.analysis.stats.Summary;
import io.frugal.analysis.store.RunRecord;
import io.frugal.analysis.store.StoreSnapshot;
import io.frugal.analysis.table.CellKey;
import io.frugal.reproducibility.claims.Claim;
import io.frugal.reproducibility.claims.ClaimKind;
import io.frugal.reproducibility.claims.PaperValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Judges claims against a run store's done runs, cell by cell.
 *
 * <ul>
 *   <li>value, difference: two one-sided tests on the 90 % interval of (ours − paper) against ±ε.
 *       With the paper's sd and n the interval is Welch's over both; with a point value only the
 *       paper's number is taken as exact (the ε rule), which the method column says.
 *   <li>ordering: the 90 % Welch interval of (cell − reference) must lie beyond the tolerance in
 *       the claimed direction (reproduced) or on the other side of it (not reproduced); for the
 *       spread ({@code statistic: sd}) the F interval of the variance ratio against 1.
 *   <li>ratio: the log of (cell/reference) / (target ratio), with the delta-method standard error
 *       of a log of means, against log(1 ± tolerance).
 *   <li>trend: the least-squares slope of the quantity over the axis (log10 if asked), t interval
 *       with n − 2 df, against ±tolerance.
 * </ul>
 * An inconclusive cell gets the seeds per cell that {@link PowerAnalysis} says a difference the
 * size of the distance from the estimate to the nearest margin edge would need (its two-sided 5 %
 * test is stricter than TOST's one-sided 5 %, so this errs on the side of more seeds).
 */
public final class ClaimJudge {
    private final StoreSnapshot snapshot;
    private final Quantities quantities;
    private final Map<CellKey, List<RunRecord>> cells = new LinkedHashMap<>();

    public ClaimJudge(StoreSnapshot snapshot) {
        this.snapshot = snapshot;
        this.quantities = new Quantities(snapshot.root());
        for (RunRecord r : snapshot.runs()) {
            CellKey key = new CellKey(r.planned().dataset(), r.planned().experiment(), r.planned().matrixLabels());
            cells.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
        }
    }

    public ClaimVerdict judge(String paper, Claim claim) {
        List<CellKey> matched = cells.keySet().stream()
                .filter(k -> claim.cells().matches(k.dataset(), k.experiment(), k.matrix())).toList();
        if (matched.isEmpty()) return new ClaimVerdict(paper, claim, Verdict.NOT_COVERED, List.of(), "no cell of the store matches");
        List<CellJudgement> out = new ArrayList<>();
        if (claim.kind() == ClaimKind.TREND) {
            trendGroups(claim, matched).forEach((label, keys) -> out.add(trend(claim, label, keys)));
        } else {
            for (CellKey key : matched) {
                CellKey ref = null;
                if (claim.reference() != null) {
                    ref = referenceOf(claim, key);
                    if (ref == null) continue; // the store lacks the cell to compare with: this cell is not covered
                }
                out.add(judgeCell(claim, key, ref));
            }
        }
        if (out.isEmpty()) {
            return new ClaimVerdict(paper, claim, Verdict.NOT_COVERED, List.of(), "the store has none of the reference cells");
        }
        return new ClaimVerdict(paper, claim, Verdict.combine(out.stream().map(CellJudgement::verdict).toList()), out, null);
    }

    private CellKey referenceOf(Claim claim, CellKey key) {
        String experiment = claim.reference().experimentFor(key.experiment(), claim.cells().wildcard(key.experiment()), snapshot.plan().baseline());
        if (experiment == null || experiment.equals(key.experiment()) && claim.reference().matrix().isEmpty()) return null;
        Map<String, String> matrix = new TreeMap<>(key.matrix());
        matrix.putAll(claim.reference().matrix());
        for (CellKey k : cells.keySet()) {
            if (k.dataset().equals(key.dataset()) && k.experiment().equals(experiment) && sameMatrix(k.matrix(), matrix)) return k;
        }
        // a reference that does not vary the cell's matrix axes (one baseline for every schedule)
        List<CellKey> same = cells.keySet().stream().filter(k -> k.dataset().equals(key.dataset()) && k.experiment().equals(experiment)).toList();
        return same.size() == 1 && claim.reference().matrix().isEmpty() ? same.get(0) : null;
    }

    private static boolean sameMatrix(Map<String, String> a, Map<String, String> b) {
        if (!a.keySet().equals(b.keySet())) return false;
        for (var e : a.entrySet()) {
            String v = b.get(e.getKey());
            if (!e.getValue().equals(v)) {
                try {
                    if (Double.parseDouble(e.getValue()) != Double.parseDouble(v)) return false;
                } catch (NumberFormatException x) {
                    return false;
                }
            }
        }
        return true;
    }

    private double[] values(CellKey key, String quantity) {
        return cells.get(key).stream().filter(RunRecord::isDone).mapToDouble(r -> quantities.of(r, quantity))
                .filter(v -> !Double.isNaN(v)).toArray();
    }

    private CellJudgement judgeCell(Claim claim, CellKey key, CellKey ref) {
        double[] a = values(key, claim.quantity());
        double[] b = ref == null ? new double[0] : values(ref, claim.quantity());
        String cell = key.toString();
        String refLabel = ref == null ? null : ref.toString();
        if (a.length < 2 || (ref != null && b.length < 2)) {
            String note = (a.length == 0 && ref == null ? "no done run reports " + claim.quantity()
                    : "needs at least 2 done runs per cell reporting " + claim.quantity() + " (has " + a.length
                    + (ref != null ? " and " + b.length + " in the reference" : "") + ")");
            Interval point = new Interval(a.length == 0 ? Double.NaN : mean(a), Double.NaN, Double.NaN);
            return new CellJudgement(cell, refLabel, a.length, b.length, point, Double.NaN, Double.NaN, "-", Verdict.INCONCLUSIVE,
                    Double.NaN, note);
        }
        return switch (claim.kind()) {
            case VALUE -> value(claim, cell, a);
            case DIFFERENCE -> difference(claim, cell, refLabel, a, b);
            case ORDERING -> "sd".equals(claim.statistic()) ? spread(claim, cell, refLabel, a, b) : ordering(claim, cell, refLabel, a, b);
            case RATIO -> ratio(claim, cell, refLabel, a, b, key, ref);
            case TREND -> throw new IllegalStateException("trends are judged per line");
        };
    }

    private CellJudgement value(Claim claim, String cell, double[] a) {
        PaperValue paper = claim.paper();
        double e1 = variance(a) / a.length;
        double est = mean(a) - paper.mean();
        Interval iv;
        String method;
        if (paper.hasSpread()) {
            double e2 = paper.sd() * paper.sd() / paper.n();
            iv = Interval.t(est, Math.sqrt(e1 + e2), Interval.welchDf(e1, a.length - 1, e2, paper.n() - 1));
            method = "TOST, Welch with the paper's sd and n";
        } else {
            iv = Interval.t(est, Math.sqrt(e1), a.length - 1);
            method = "ε rule (paper gives a point value): 90% t interval of ours − paper within ±ε";
        }
        return equivalence(cell, null, a.length, 0, iv, claim.tolerance(), method, Math.sqrt(variance(a)));
    }

    private CellJudgement difference(Claim claim, String cell, String ref, double[] a, double[] b) {
        double e1 = variance(a) / a.length;
        double e2 = variance(b) / b.length;
        double est = mean(a) - mean(b) - claim.paper().mean();
        Interval iv = Interval.t(est, Math.sqrt(e1 + e2), Interval.welchDf(e1, a.length - 1, e2, b.length - 1));
        String method = claim.paper().hasSpread() ? "TOST on the Welch interval of (cell − reference) − paper"
                : "ε rule (paper gives a point value): 90% Welch interval of (cell − reference) − paper within ±ε";
        return equivalence(cell, ref, a.length, b.length, iv, claim.tolerance(), method, pooledSd(a, b));
    }

    private CellJudgement equivalence(String cell, String ref, int n, int nRef, Interval iv, double margin, String method, double sd) {
        Verdict v = iv.within(-margin, margin) ? Verdict.REPRODUCED : iv.outside(-margin, margin) ? Verdict.NOT_REPRODUCED : Verdict.INCONCLUSIVE;
        double distance = Math.abs(margin - Math.abs(iv.estimate()));
        return new CellJudgement(cell, ref, n, nRef, iv, -margin, margin, method, v, seeds(v, distance, sd), null);
    }

    private CellJudgement ordering(Claim claim, String cell, String ref, double[] a, double[] b) {
        double e1 = variance(a) / a.length;
        double e2 = variance(b) / b.length;
        double delta = mean(a) - mean(b);
        Interval iv = Interval.t(delta, Math.sqrt(e1 + e2), Interval.welchDf(e1, a.length - 1, e2, b.length - 1));
        double tol = claim.tolerance();
        boolean greater = "greater".equals(claim.direction());
        Verdict v;
        if (!iv.defined()) v = Verdict.INCONCLUSIVE;
        else if (greater) v = iv.low() > tol ? Verdict.REPRODUCED : iv.high() <= tol ? Verdict.NOT_REPRODUCED : Verdict.INCONCLUSIVE;
        else v = iv.high() < -tol ? Verdict.REPRODUCED : iv.low() >= -tol ? Verdict.NOT_REPRODUCED : Verdict.INCONCLUSIVE;
        double edge = greater ? tol : -tol;
        String method = "one-sided Welch at 5%: 90% interval of (cell − reference) " + (greater ? "above " : "below ") + fmt(edge);
        return new CellJudgement(cell, ref, a.length, b.length, iv, greater ? tol : Double.NEGATIVE_INFINITY,
                greater ? Double.POSITIVE_INFINITY : -tol, method, v, seeds(v, Math.abs(delta - edge), pooledSd(a, b)), null);
    }

    private CellJudgement spread(Claim claim, String cell, String ref, double[] a, double[] b) {
        Interval iv = Interval.varianceRatio(variance(a), a.length, variance(b), b.length);
        boolean less = "less".equals(claim.direction());
        Verdict v;
        if (!iv.defined()) v = Verdict.INCONCLUSIVE;
        else if (less) v = iv.high() < 1 ? Verdict.REPRODUCED : iv.low() >= 1 ? Verdict.NOT_REPRODUCED : Verdict.INCONCLUSIVE;
        else v = iv.low() > 1 ? Verdict.REPRODUCED : iv.high() <= 1 ? Verdict.NOT_REPRODUCED : Verdict.INCONCLUSIVE;
        String note = iv.defined() ? null : "the reference cell has no spread";
        return new CellJudgement(cell, ref, a.length, b.length, iv, less ? 0 : 1, less ? 1 : Double.POSITIVE_INFINITY,
                "F interval (90%) of the variance ratio cell/reference " + (less ? "below" : "above") + " 1", v, Double.NaN, note);
    }

    private CellJudgement ratio(Claim claim, String cell, String ref, double[] a, double[] b, CellKey key, CellKey refKey) {
        double ma = mean(a);
        double mb = mean(b);
        double target;
        String targetLabel;
        if (claim.equals() != null) {
            double[] ta = values(key, claim.equals());
            double[] tb = values(refKey, claim.equals());
            target = ta.length == 0 || tb.length == 0 ? Double.NaN : mean(ta) / mean(tb);
            targetLabel = claim.equals();
        } else {
            target = claim.paper().mean();
            targetLabel = "the paper's " + fmt(target);
        }
        if (!(ma > 0) || !(mb > 0) || !(target > 0)) {
            return new CellJudgement(cell, ref, a.length, b.length, new Interval(ma / mb / target, Double.NaN, Double.NaN),
                    Double.NaN, Double.NaN, "-", Verdict.INCONCLUSIVE, Double.NaN, "a mean or the target ratio is not positive");
        }
        // log(mean) has standard error ≈ se(mean)/mean (delta method); log of a ratio adds them.
        double e1 = variance(a) / (a.length * ma * ma);
        double e2 = variance(b) / (b.length * mb * mb);
        double est = Math.log(ma / mb / target);
        Interval log = Interval.t(est, Math.sqrt(e1 + e2), Interval.welchDf(e1, a.length - 1, e2, b.length - 1));
        double lo = Math.log(1 - claim.tolerance());
        double hi = Math.log(1 + claim.tolerance());
        Verdict v = log.within(lo, hi) ? Verdict.REPRODUCED : log.outside(lo, hi) ? Verdict.NOT_REPRODUCED : Verdict.INCONCLUSIVE;
        Interval shown = new Interval(Math.exp(log.estimate()), Math.exp(log.low()), Math.exp(log.high()));
        double distance = Math.min(Math.abs(hi - est), Math.abs(est - lo));
        double sd = Math.sqrt((e1 * a.length + e2 * b.length) / 2);
        return new CellJudgement(cell, ref, a.length, b.length, shown, 1 - claim.tolerance(), 1 + claim.tolerance(),
                "TOST on log((cell/reference) / " + targetLabel + "), delta-method Welch interval; shown as the ratio",
                v, seeds(v, distance, sd), null);
    }

    /**
     * The lines a trend is fitted along: cells equal in all but the axis. The axis is a matrix axis
     * of the plan, or else a numeric result field of the runs (a sweep by dataset, such as the flow
     * mixture's gaussian-mixture-dN, whose runs report their dimension): then the dataset is part
     * of the axis, and a line is the cells of one experiment and matrix point across datasets.
     */
    private Map<String, List<CellKey>> trendGroups(Claim claim, List<CellKey> matched) {
        Map<String, List<CellKey>> groups = new LinkedHashMap<>();
        for (CellKey k : matched) {
            Map<String, String> rest = new TreeMap<>(k.matrix());
            String label;
            if (k.matrix().containsKey(claim.axis())) {
                rest.remove(claim.axis());
                label = new CellKey(k.dataset(), k.experiment(), rest) + " along " + claim.axis();
            } else if (cells.get(k).stream().filter(RunRecord::isDone).anyMatch(r -> !Double.isNaN(quantities.of(r, claim.axis())))) {
                label = k.experiment() + (rest.isEmpty() ? "" : " " + rest) + " along " + claim.axis() + " (result field, across datasets)";
            } else {
                continue;
            }
            groups.computeIfAbsent(label, x -> new ArrayList<>()).add(k);
        }
        return groups;
    }

    private CellJudgement trend(Claim claim, String label, List<CellKey> keys) {
        List<double[]> points = new ArrayList<>();
        for (CellKey k : keys) {
            String fromMatrix = k.matrix().get(claim.axis());
            for (RunRecord r : cells.get(k)) {
                if (!r.isDone()) continue;
                double x;
                if (fromMatrix != null) {
                    try {
                        x = Double.parseDouble(fromMatrix);
                    } catch (NumberFormatException e) {
                        break;
                    }
                } else {
                    x = quantities.of(r, claim.axis());
                }
                double y = quantities.of(r, claim.quantity());
                if (claim.logAxis()) x = Math.log10(x);
                if (Double.isFinite(x) && !Double.isNaN(y)) points.add(new double[] {x, y});
            }
        }
        long xs = points.stream().mapToDouble(p -> p[0]).distinct().count();
        if (points.size() < 3 || xs < 2) {
            return new CellJudgement(label, null, points.size(), 0, new Interval(Double.NaN, Double.NaN, Double.NaN), Double.NaN,
                    Double.NaN, "-", Verdict.INCONCLUSIVE, Double.NaN, "a slope needs at least 3 runs at 2 or more values of " + claim.axis());
        }
        int n = points.size();
        double mx = points.stream().mapToDouble(p -> p[0]).average().orElseThrow();
        double my = points.stream().mapToDouble(p -> p[1]).average().orElseThrow();
        double sxx = 0, sxy = 0;
        for (double[] p : points) {
            sxx += (p[0] - mx) * (p[0] - mx);
            sxy += (p[0] - mx) * (p[1] - my);
        }
        double slope = sxy / sxx;
        double sse = 0;
        for (double[] p : points) {
            double r = p[1] - my - slope * (p[0] - mx);
            sse += r * r;
        }
        double residualSd = Math.sqrt(sse / (n - 2));
        Interval iv = Interval.t(slope, residualSd / Math.sqrt(sxx), n - 2);
        double tol = claim.tolerance();
        Verdict v;
        double lo = -tol, hi = tol;
        switch (claim.direction()) {
            case "increasing" -> { v = iv.defined() && iv.low() > tol ? Verdict.REPRODUCED : iv.defined() && iv.high() <= tol ? Verdict.NOT_REPRODUCED : Verdict.INCONCLUSIVE; lo = tol; hi = Double.POSITIVE_INFINITY; }
            case "decreasing" -> { v = iv.defined() && iv.high() < -tol ? Verdict.REPRODUCED : iv.defined() && iv.low() >= -tol ? Verdict.NOT_REPRODUCED : Verdict.INCONCLUSIVE; lo = Double.NEGATIVE_INFINITY; hi = -tol; }
            case "none" -> v = iv.within(-tol, tol) ? Verdict.REPRODUCED : iv.outside(-tol, tol) ? Verdict.NOT_REPRODUCED : Verdict.INCONCLUSIVE;
            default -> v = iv.outside(-tol, tol) ? Verdict.REPRODUCED : iv.within(-tol, tol) ? Verdict.NOT_REPRODUCED : Verdict.INCONCLUSIVE;
        }
        String method = "least-squares slope over " + (claim.logAxis() ? "log10 " : "") + claim.axis() + ", 90% t interval (n − 2 df), "
                + ("none".equals(claim.direction()) ? "within" : "beyond") + " ±" + fmt(tol);
        // seeds per axis value: the slope's se shrinks as 1/sqrt(runs), like a mean's
        double sdSlope = residualSd / Math.sqrt(sxx / n);
        return new CellJudgement(label, null, n, 0, iv, lo, hi, method, v,
                Math.ceil(seeds(v, Math.abs(Math.abs(slope) - tol), sdSlope) / xs), null);
    }

    private static double seeds(Verdict v, double distance, double sd) {
        if (v != Verdict.INCONCLUSIVE) return Double.NaN;
        return PowerAnalysis.seedsPerArm(distance, sd);
    }

    /** Mean and variance from {@link Summary} (exact for identical values: sd 0). */
    private static double mean(double[] x) {
        return Summary.of(x).mean();
    }

    private static double variance(double[] x) {
        double sd = Summary.of(x).sd();
        return sd * sd;
    }

    private static double pooledSd(double[] a, double[] b) {
        return Math.sqrt(((a.length - 1) * variance(a) + (b.length - 1) * variance(b)) / (a.length + b.length - 2));
    }

    static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.4g", v);
    }
}
