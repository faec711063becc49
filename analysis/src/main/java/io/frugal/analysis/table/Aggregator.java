package io.frugal.analysis.table;

import io.frugal.analysis.stats.Difference;
import io.frugal.analysis.stats.Holm;
import io.frugal.analysis.stats.Summary;
import io.frugal.core.store.Plan;
import io.frugal.analysis.store.RunRecord;
import io.frugal.core.kind.MetricSchema;
import io.frugal.core.kind.TrainerKinds;
import io.frugal.core.store.RunResult;
import io.frugal.analysis.store.StoreSnapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Groups a snapshot's runs into cells (dataset × experiment × matrix values) and computes each
 * cell's statistics and its comparison with the baseline. Rows come in the plan's dataset order,
 * then its experiment order, then the order cells first appear among the runs; p-values (Welch
 * and rank test, separately) are Holm-adjusted across all compared rows of the table.
 */
public final class Aggregator {
    private Aggregator() {}

    public static ResultTable aggregate(StoreSnapshot snapshot) {
        Plan plan = snapshot.plan();
        Map<CellKey, List<RunRecord>> cells = new LinkedHashMap<>();
        for (RunRecord r : snapshot.runs()) {
            CellKey key = new CellKey(r.planned().dataset(), r.planned().experiment(), r.planned().matrixLabels());
            cells.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
        }
        List<CellKey> keys = new ArrayList<>(cells.keySet());
        keys.sort(Comparator.comparingInt((CellKey k) -> rank(plan.datasets(), k.dataset()))
                .thenComparingInt(k -> rank(plan.experimentIds(), k.experiment())));

        String baseline = plan.baseline();
        List<CellKey> baselineKeys = keys.stream().filter(k -> k.experiment().equals(baseline)).toList();
        List<CellKey> comparedTo = new ArrayList<>();
        List<Difference> differences = new ArrayList<>();
        double[] p = new double[keys.size()];
        double[] rankP = new double[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            CellKey key = keys.get(i);
            CellKey ref = baseline == null || key.experiment().equals(baseline) ? null : baselineFor(key, baselineKeys);
            comparedTo.add(ref);
            Difference d = ref == null ? null
                    : Difference.welch(values(cells.get(key), primary(cells.get(key))), values(cells.get(ref), primary(cells.get(key))));
            differences.add(d);
            p[i] = d == null ? Double.NaN : d.pValue();
            rankP[i] = d == null ? Double.NaN : d.rankP();
        }
        double[] holm = Holm.adjust(p);
        double[] rankHolm = Holm.adjust(rankP);

        List<CellRow> rows = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            CellKey key = keys.get(i);
            boolean isBaseline = key.experiment().equals(baseline);
            CellKey ref = isBaseline ? key : comparedTo.get(i);
            rows.add(row(key, isBaseline, ref, cells, differences.get(i), holm[i], rankHolm[i]));
        }
        return new ResultTable(rows, baseline);
    }

    private static CellRow row(CellKey key, boolean isBaseline, CellKey ref, Map<CellKey, List<RunRecord>> cells,
            Difference vsBaseline, double pHolm, double rankPHolm) {
        List<RunRecord> runs = cells.get(key);
        Summary train = Summary.of(values(runs, RunResult::trainSeconds));
        double evaluations = evaluations(runs);
        double evaluationRatio = Double.NaN;
        double trainRatio = Double.NaN;
        if (ref != null) {
            List<RunRecord> refRuns = cells.get(ref);
            evaluationRatio = evaluations / evaluations(refRuns);
            trainRatio = train.mean() / Summary.of(values(refRuns, RunResult::trainSeconds)).mean();
        }
        return new CellRow(key, isBaseline, ref, runs,
                Summary.of(values(runs, primary(runs))), Summary.of(values(runs, best(runs))),
                train, Summary.of(values(runs, RunResult::evalSeconds)), Summary.of(values(runs, RunResult::wallSeconds)),
                evaluations, runs.stream().noneMatch(RunRecord::isDone), evaluationRatio, trainRatio, vsBaseline, pHolm,
                rankPHolm, CellAccounting.of(runs));
    }

    /**
     * The baseline cell a cell is compared with: same dataset and matrix values; failing that, the
     * dataset's only baseline cell (matrix axes that only the reduced schedules vary).
     */
    private static CellKey baselineFor(CellKey key, List<CellKey> baselineKeys) {
        CellKey exact = key.withExperiment(baselineKeys.isEmpty() ? null : baselineKeys.get(0).experiment());
        if (baselineKeys.contains(exact)) return exact;
        List<CellKey> sameDataset = baselineKeys.stream().filter(b -> b.dataset().equals(key.dataset())).toList();
        return sameDataset.size() == 1 ? sameDataset.get(0) : null;
    }

    /** Mean evaluations of the done runs; of the plan when none is done yet. */
    private static double evaluations(List<RunRecord> runs) {
        double[] done = values(runs, r -> (double) r.evaluations());
        if (done.length > 0) return Summary.of(done).mean();
        return runs.stream().mapToDouble(r -> r.planned().plannedEvaluations()).average().orElse(Double.NaN);
    }

    /** The cell's primary metric, as its runs' kind names it (a cell's runs share experiment, hence kind). */
    private static ToDoubleFunction<RunResult> primary(List<RunRecord> runs) {
        String key = schema(runs).primary().key();
        return r -> r.metric(key);
    }

    /** The best-over-training companion of the primary metric; NaN for kinds that have none. */
    private static ToDoubleFunction<RunResult> best(List<RunRecord> runs) {
        MetricSchema.Metric best = schema(runs).best();
        return best == null ? r -> Double.NaN : r -> r.metric(best.key());
    }

    static MetricSchema schema(List<RunRecord> runs) {
        return TrainerKinds.of(runs.get(0).planned().config()).metrics();
    }

    static double[] values(List<RunRecord> runs, ToDoubleFunction<RunResult> field) {
        return runs.stream().filter(RunRecord::isDone).map(RunRecord::result).mapToDouble(field).toArray();
    }

    private static int rank(List<String> order, String name) {
        int i = order.indexOf(name);
        return i < 0 ? Integer.MAX_VALUE : i;
    }
}
