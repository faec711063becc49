package io.frugal.analysis.report;

import io.frugal.analysis.energy.CellEnergy;
import io.frugal.analysis.energy.RunEnergy;
import io.frugal.analysis.stats.Comparison;
import io.frugal.analysis.stats.Difference;
import io.frugal.analysis.stats.RankTest;
import io.frugal.analysis.table.Aggregator;
import io.frugal.analysis.table.ResultTable;
import io.frugal.core.kind.KindTable;
import io.frugal.core.kind.MetricSchema;
import io.frugal.analysis.stats.Summary;
import io.frugal.analysis.store.RunRecord;
import io.frugal.analysis.table.CellAccounting;
import io.frugal.analysis.table.CellRow;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One header row, then one row per cell, RFC 4180 quoting. Numbers are written at full precision
 * (the shortest decimal that reads back to the same double), top-1 as fractions in [0, 1]; a
 * missing value is an empty field. Each row names the run ids it was computed from and the
 * manifest hash, so a row cut out of the file still says where it came from.
 */
public final class CsvRenderer implements ReportRenderer {
    /**
     * The columns of a classifier table. For other kinds, {@code final_top1} and {@code best_top1}
     * are the kind's primary and best metric keys (the best columns are left out for kinds without
     * one), so a column always says which result.json key it summarises.
     */
    public static final List<String> COLUMNS = List.of("dataset", "experiment", "matrix", "is_baseline",
            "runs_planned", "runs_done", "runs_failed", "runs_unfinished", "incomplete",
            "final_top1_mean", "final_top1_sd", "final_top1_se", "final_top1_ci_low", "final_top1_ci_high",
            "best_top1_mean", "best_top1_sd", "best_top1_se", "best_top1_ci_low", "best_top1_ci_high",
            "evaluations", "evaluations_source", "evaluation_ratio",
            "train_seconds_mean", "train_seconds_sd", "train_seconds_ratio", "eval_seconds_mean", "wall_seconds_mean",
            "delta_final_top1", "delta_ci_low", "delta_ci_high", "welch_df", "p_welch", "p_holm", "p_rank", "p_rank_holm",
            "done_runs", "failed_runs", "unfinished_runs", "manifest_sha256");
    /**
     * After {@link #COLUMNS}, so scripts that read the first columns by position keep working: the
     * rank test's method, the bootstrap intervals of the mean and of Δ (with their seed and
     * resamples), Hedges' g and its interval, P(X > Y), the seeds per arm a power analysis asks for
     * ({@code inf}: more than any study runs), and m of the table's Holm family.
     */
    public static final List<String> STATISTICS_COLUMNS = List.of("rank_method",
            "final_top1_boot_ci_low", "final_top1_boot_ci_high", "delta_boot_ci_low", "delta_boot_ci_high",
            "hedges_g", "hedges_g_ci_low", "hedges_g_ci_high", "p_improvement", "power_seeds_per_arm",
            "bootstrap_seed", "bootstrap_resamples", "holm_family_size");
    /**
     * After {@link #STATISTICS_COLUMNS}, in every report: a cell's energy and CO2 over its done runs
     * with an energy record (how many), Wh and g CO2 per run (mean, sd), the sources (space
     * separated; more than one: the cell mixes sources, and {@code energy_mixed} says so), and the
     * stated power per core and grid intensities the figures assume (space separated).
     */
    public static final List<String> ENERGY_COLUMNS = List.of("energy_runs_measured", "energy_wh_mean", "energy_wh_sd",
            "co2_g_mean", "co2_g_sd", "energy_sources", "energy_mixed", "watts_per_core", "grid_g_co2_per_kwh");
    /** report-energy-runs.csv: one row per done run with an energy record. */
    public static final List<String> ENERGY_RUN_COLUMNS = List.of("run_id", "kind", "dataset", "experiment", "seed", "energy_source",
            "energy_wh", "co2_g", "cpu_seconds", "watts_per_core", "grid_g_co2_per_kwh", "grid_source", "assumptions");
    public static final String ENERGY_RUNS_FILE = "report-energy-runs.csv";

    /**
     * Appended last, only when some run has SLURM accounting, so the CSV of local
     * runs keeps its shape. Seconds are SLURM's elapsed time summed over a run's attempts and its
     * queue wait before the first start, over the cell's done runs that have accounting.
     */
    public static final List<String> ACCOUNTING_COLUMNS = List.of("slurm_runs_accounted",
            "slurm_elapsed_seconds_mean", "slurm_elapsed_seconds_sd", "slurm_queue_wait_seconds_mean",
            "slurm_queue_wait_seconds_sd", "slurm_restarts");

    /** report.csv: the generic table of the store's first kind. */
    @Override
    public String render(Report report) {
        return render(report, report.table());
    }

    /**
     * One CSV file per table, since tables of different kinds have different columns: every
     * further kind's generic table as report-KIND.csv, every kind's own table as report-ID.csv.
     */
    @Override
    public java.util.Map<String, String> extraFiles(Report report) {
        java.util.Map<String, String> files = new java.util.LinkedHashMap<>();
        for (ResultTable t : report.tables().subList(1, report.tables().size())) {
            files.put("report-" + t.kind() + ".csv", render(report, t));
        }
        for (KindTable k : report.kindTables()) files.put("report-" + k.id() + ".csv", kindTable(k));
        if (!report.energy().isEmpty()) files.put(ENERGY_RUNS_FILE, energyRuns(report));
        return files;
    }

    /** The per-run energy records, in the tables' row order. */
    static String energyRuns(Report report) {
        StringBuilder out = new StringBuilder();
        line(out, ENERGY_RUN_COLUMNS);
        for (ResultTable t : report.tables()) {
            for (RunRecord r : MarkdownRenderer.doneRuns(t)) {
                RunEnergy e = report.energy().of(r.id());
                if (e == null) continue;
                line(out, List.of(r.id(), t.kind(), r.planned().dataset(), r.planned().experiment(), Long.toString(r.planned().seed()),
                        e.source(), number(e.wattHours()), number(e.co2Grams()), number(e.cpuSeconds()),
                        e.usesStatedPower() ? number(e.wattsPerCore()) : "", number(e.gridGramsPerKwh()), e.gridSource(), e.assumptions()));
            }
        }
        return out.toString();
    }

    /** The header, then the rows; a number where {@code numbers} has one, else the formatted cell. */
    static String kindTable(KindTable k) {
        StringBuilder out = new StringBuilder();
        line(out, k.columns());
        for (int r = 0; r < k.rows().size(); r++) {
            List<String> f = new ArrayList<>();
            for (int c = 0; c < k.columns().size(); c++) {
                Double x = k.numbers().get(r).size() > c ? k.numbers().get(r).get(c) : null;
                f.add(x == null || Double.isNaN(x) ? k.rows().get(r).get(c) : number(x));
            }
            line(out, f);
        }
        return out.toString();
    }

    /** The CSV header of a kind's generic table. */
    public static List<String> header(MetricSchema schema, boolean accounting) {
        List<String> header = new ArrayList<>();
        for (String c : COLUMNS) {
            if (c.startsWith("best_top1") && schema.best() == null) continue;
            header.add(keyed(c, schema));
        }
        STATISTICS_COLUMNS.forEach(c -> header.add(keyed(c, schema)));
        header.addAll(ENERGY_COLUMNS);
        if (accounting) header.addAll(ACCOUNTING_COLUMNS);
        return header;
    }

    private static String keyed(String column, MetricSchema schema) {
        String c = column.replace("final_top1", schema.primary().key());
        return schema.best() == null ? c : c.replace("best_top1", schema.best().key());
    }

    static String render(Report report, ResultTable table) {
        StringBuilder out = new StringBuilder();
        boolean accounting = table.hasAccounting();
        boolean best = table.metrics().best() != null;
        line(out, header(table.metrics(), accounting));
        for (CellRow row : table.rows()) {
            List<String> f = new ArrayList<>();
            f.add(row.key().dataset());
            f.add(row.key().experiment());
            f.add(row.key().matrixLabel());
            f.add(Boolean.toString(row.isBaseline()));
            f.add(Integer.toString(row.planned()));
            f.add(Integer.toString(row.done()));
            f.add(Integer.toString(row.failed()));
            f.add(Integer.toString(row.unfinished().size()));
            f.add(Boolean.toString(row.isIncomplete()));
            summary(f, row.finalTop1());
            if (best) summary(f, row.bestTop1());
            f.add(number(row.evaluations()));
            f.add(row.evaluationsFromPlan() ? "plan" : "results");
            f.add(number(row.evaluationRatio()));
            f.add(number(row.trainSeconds().mean()));
            f.add(number(row.trainSeconds().sd()));
            f.add(number(row.trainSecondsRatio()));
            f.add(number(row.evalSeconds().mean()));
            f.add(number(row.wallSeconds().mean()));
            Difference d = row.vsBaseline();
            f.add(d == null ? "" : number(d.delta()));
            f.add(d == null ? "" : number(d.ciLow()));
            f.add(d == null ? "" : number(d.ciHigh()));
            f.add(d == null ? "" : number(d.df()));
            f.add(d == null ? "" : number(d.pValue()));
            f.add(number(row.pHolm()));
            f.add(d == null ? "" : number(d.rankP()));
            f.add(number(row.rankPHolm()));
            f.add(ids(row.runs().stream().filter(RunRecord::isDone).toList()));
            f.add(ids(row.failedRuns()));
            f.add(ids(row.unfinished()));
            f.add(report.snapshot().plan().manifestSha256() == null ? "" : report.snapshot().plan().manifestSha256());
            statistics(f, row, table);
            energy(f, CellEnergy.of(row.runs(), report.energy()));
            if (accounting) accounting(f, row.accounting());
            line(out, f);
        }
        return out.toString();
    }

    private static void statistics(List<String> f, CellRow row, ResultTable table) {
        Comparison c = row.comparison();
        f.add(c == null || c.difference().rankMethod() == RankTest.Method.NONE ? ""
                : c.difference().rankMethod().name().toLowerCase(java.util.Locale.ROOT));
        f.add(number(row.primaryBootstrap().low()));
        f.add(number(row.primaryBootstrap().high()));
        f.add(c == null ? "" : number(c.bootstrapDelta().low()));
        f.add(c == null ? "" : number(c.bootstrapDelta().high()));
        f.add(c == null ? "" : number(c.hedgesG().g()));
        f.add(c == null ? "" : number(c.hedgesG().ciLow()));
        f.add(c == null ? "" : number(c.hedgesG().ciHigh()));
        f.add(c == null ? "" : number(c.probabilityOfImprovement()));
        f.add(c == null ? "" : Double.isInfinite(c.seedsPerArm()) ? "inf" : number(c.seedsPerArm()));
        f.add(Long.toString(Aggregator.BOOTSTRAP_SEED));
        f.add(Integer.toString(Aggregator.BOOTSTRAP_RESAMPLES));
        f.add(Integer.toString(table.holmFamilySize()));
    }

    private static void energy(List<String> f, CellEnergy e) {
        f.add(Integer.toString(e.measured()));
        f.add(number(e.wattHours().mean()));
        f.add(number(e.wattHours().sd()));
        f.add(number(e.co2Grams().mean()));
        f.add(number(e.co2Grams().sd()));
        f.add(String.join(" ", e.sources()));
        f.add(e.measured() == 0 ? "" : Boolean.toString(e.isMixed()));
        f.add(e.wattsPerCore().stream().map(CsvRenderer::number).collect(Collectors.joining(" ")));
        f.add(e.gridGramsPerKwh().stream().map(CsvRenderer::number).collect(Collectors.joining(" ")));
    }

    private static void accounting(List<String> f, CellAccounting a) {
        f.add(Integer.toString(a.accounted()));
        f.add(number(a.elapsedSeconds().mean()));
        f.add(number(a.elapsedSeconds().sd()));
        f.add(number(a.queueWaitSeconds().mean()));
        f.add(number(a.queueWaitSeconds().sd()));
        f.add(a.accounted() == 0 ? "" : Long.toString(a.restarts()));
    }

    private static void summary(List<String> f, Summary s) {
        f.add(number(s.mean()));
        f.add(number(s.sd()));
        f.add(number(s.se()));
        f.add(number(s.ciLow()));
        f.add(number(s.ciHigh()));
    }

    /** Shortest round-trip decimal, never in exponent form; empty for a missing value. */
    static String number(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) return "";
        return BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
    }

    private static String ids(List<RunRecord> runs) {
        return runs.stream().map(RunRecord::id).collect(Collectors.joining(" "));
    }

    static void line(StringBuilder out, List<String> fields) {
        out.append(fields.stream().map(CsvRenderer::quote).collect(Collectors.joining(","))).append("\r\n");
    }

    static String quote(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}
