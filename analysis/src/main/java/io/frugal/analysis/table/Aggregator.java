package io.frugal.analysis.table;

import io.frugal.analysis.stats.Bootstrap;
import io.frugal.analysis.stats.BootstrapInterval;
import io.frugal.analysis.stats.Comparison;
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
import java.util.stream.IntStream;

/**
 * Groups a snapshot's runs into cells (dataset × experiment × matrix values) and computes each
 * cell's statistics and its comparison with the baseline. Rows come in the plan's dataset order,
 * then its experiment order, then the order cells first appear among the runs; p-values (Welch
 * and rank test, separately) are Holm-adjusted over one family: every row with at least two done
 * runs on each side, whether or not its Welch p could be computed (no spread on either side).
 *
 * <p>Bootstrap intervals are drawn with one report-wide seed, {@link #BOOTSTRAP_SEED}, so a report
 * computed twice from the same store is the same, and the seed is printed with it.
 */
public final class Aggregator {
    /** The seed of every bootstrap interval of a report (cells are told apart by their own data). */
    public static final long BOOTSTRAP_SEED = 20_220_802L;
    public static final int BOOTSTRAP_RESAMPLES = 10_000;

    private Aggregator() {}

    /**
     * The table of the store's first trainer kind (in plan order): the whole table of a store of
     * one kind. See {@link #tables} for stores of several kinds.
     */
    public static ResultTable aggregate(StoreSnapshot snapshot) {
        return tables(snapshot).get(0);
    }

    /**
     * One table per trainer kind present in the plan, in the order the kinds first appear among
     * its runs: each kind's metrics have their own columns and its rows their own Holm family. A
     * plan without runs gives one empty table of the default kind.
     */
    public static List<ResultTable> tables(StoreSnapshot snapshot) {
        Map<String, List<RunRecord>> byKind = new LinkedHashMap<>();
        for (RunRecord r : snapshot.runs()) {
            byKind.computeIfAbsent(TrainerKinds.of(r.planned().config()).name(), k -> new ArrayList<>()).add(r);
        }
        if (byKind.isEmpty()) byKind.put(TrainerKinds.defaultKind().name(), List.of());
        List<ResultTable> out = new ArrayList<>();
        byKind.forEach((kind, runs) -> out.add(aggregate(snapshot.plan(), kind, runs)));
        return out;
    }

    private static ResultTable aggregate(Plan plan, String kind, List<RunRecord> kindRuns) {
        Map<CellKey, List<RunRecord>> cells = new LinkedHashMap<>();
        for (RunRecord r : kindRuns) {
            CellKey key = new CellKey(r.planned().dataset(), r.planned().experiment(), r.planned().matrixLabels());
            cells.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
        }
        List<CellKey> keys = new ArrayList<>(cells.keySet());
        keys.sort(Comparator.comparingInt((CellKey k) -> rank(plan.datasets(), k.dataset()))
                .thenComparingInt(k -> rank(plan.experimentIds(), k.experiment())));

        String baseline = plan.baseline();
        List<CellKey> baselineKeys = keys.stream().filter(k -> k.experiment().equals(baseline)).toList();
        List<CellKey> comparedTo = new ArrayList<>();
        for (CellKey key : keys) {
            comparedTo.add(baseline == null || key.experiment().equals(baseline) ? null : baselineFor(key, baselineKeys));
        }
        // Each cell's comparison and bootstrap interval depend on that cell and its baseline alone,
        // and their resampling dominates a table of large cells: computed side by side, each into its
        // own slot, so the table is the same whichever thread finishes first.
        Comparison[] comparisons = new Comparison[keys.size()];
        BootstrapInterval[] intervals = new BootstrapInterval[keys.size()];
        IntStream.range(0, 2 * keys.size()).parallel().forEach(task -> {
            int i = task / 2;
            List<RunRecord> runs = cells.get(keys.get(i));
            if (task % 2 == 1) {
                intervals[i] = Bootstrap.mean(values(runs, primary(runs)), BOOTSTRAP_SEED, BOOTSTRAP_RESAMPLES);
            } else if (comparedTo.get(i) != null) {
                comparisons[i] = Comparison.of(values(runs, primary(runs)), values(cells.get(comparedTo.get(i)), primary(runs)),
                        BOOTSTRAP_SEED, BOOTSTRAP_RESAMPLES);
            }
        });
        double[] p = new double[keys.size()];
        double[] rankP = new double[keys.size()];
        boolean[] inFamily = new boolean[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            Comparison c = comparisons[i];
            p[i] = c == null ? Double.NaN : c.difference().pValue();
            rankP[i] = c == null ? Double.NaN : c.difference().rankP();
            inFamily[i] = c != null && c.difference().inFamily();
        }
        double[] holm = Holm.adjust(p, inFamily);
        double[] rankHolm = Holm.adjust(rankP, inFamily);

        List<CellRow> rows = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            CellKey key = keys.get(i);
            boolean isBaseline = key.experiment().equals(baseline);
            CellKey ref = isBaseline ? key : comparedTo.get(i);
            rows.add(row(key, isBaseline, ref, cells, comparisons[i], intervals[i], holm[i], rankHolm[i]));
        }
        return new ResultTable(kind, TrainerKinds.get(kind).metrics(), rows, baseline, Holm.familySize(inFamily));
    }

    private static CellRow row(CellKey key, boolean isBaseline, CellKey ref, Map<CellKey, List<RunRecord>> cells,
            Comparison vsBaseline, BootstrapInterval primaryBootstrap, double pHolm, double rankPHolm) {
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
        double[] primary = values(runs, primary(runs));
        return new CellRow(key, isBaseline, ref, runs, schema(runs),
                Summary.of(primary), primaryBootstrap, Summary.of(values(runs, best(runs))),
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
