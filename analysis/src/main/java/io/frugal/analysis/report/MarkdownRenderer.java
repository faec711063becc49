package io.frugal.analysis.report;

import static io.frugal.analysis.report.Numbers.interval;
import static io.frugal.analysis.report.Numbers.meanSd;

import io.frugal.analysis.energy.CellEnergy;
import io.frugal.analysis.energy.StoreEnergy;
import io.frugal.analysis.stats.BootstrapInterval;
import io.frugal.analysis.stats.Comparison;
import io.frugal.analysis.stats.Difference;
import io.frugal.analysis.stats.HedgesG;
import io.frugal.analysis.stats.RankTest;
import io.frugal.analysis.table.Aggregator;
import io.frugal.core.kind.KindPlot;
import io.frugal.core.kind.KindTable;
import io.frugal.core.kind.MetricSchema;
import io.frugal.core.kind.MetricSchema.Metric;
import io.frugal.analysis.stats.Summary;
import io.frugal.core.store.Plan;
import io.frugal.analysis.store.RunRecord;
import io.frugal.analysis.store.RunState;
import io.frugal.analysis.table.CellAccounting;
import io.frugal.analysis.table.CellRow;
import io.frugal.analysis.table.ResultTable;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The report for a terminal and a README: a header saying what was computed from what, the
 * table, a footnote on the columns, then every failed or unfinished run and every problem met
 * while reading — nothing planned is left out silently.
 */
public final class MarkdownRenderer implements ReportRenderer {
    static final String INCOMPLETE_MARK = " !";
    static final String PLANNED_MARK = "~";
    /** Marks a rank p from the normal approximation (cells too large to count every split). */
    static final String APPROXIMATE_MARK = "≈";

    @Override
    public String render(Report report) {
        StringBuilder out = new StringBuilder();
        header(report, out);
        boolean several = report.tables().size() > 1;
        for (ResultTable table : report.tables()) {
            // a store of one kind reads as it always did: no heading over its one table
            if (several) out.append("\n## ").append(table.kind()).append(" runs\n");
            out.append('\n').append(textTable(table, report.energy()).render()).append('\n');
            footnote(table, out);
            if (table.hasAccounting()) accountingNote(out);
            out.append('\n').append(EnergyText.note(report.energy(), doneRuns(table))).append('\n');
        }
        for (KindTable k : report.kindTables()) kindTable(k, out);
        energyPerRun(report, out);
        plots(report, out);
        for (ResultTable table : report.tables()) incomplete(table, out);
        if (!report.problems().isEmpty()) {
            out.append("\n## Problems\n\n");
            report.problems().forEach(p -> out.append("- ").append(p).append('\n'));
        }
        return out.toString();
    }

    private static void header(Report report, StringBuilder out) {
        Plan plan = report.snapshot().plan();
        out.append("# frugal report: ").append(or(plan.name(), "(unnamed plan)"));
        if (plan.source() != null) out.append(" (").append(plan.source()).append(')');
        out.append("\n\n");
        out.append("- manifest: ").append(code(or(plan.manifest(), "unknown")))
                .append(", sha256 ").append(code(or(plan.manifestSha256(), "unknown"))).append('\n');
        out.append("- profile: ").append(code(or(plan.profile(), "none")));
        out.append("; overrides: ").append(plan.overrides().isEmpty() ? "none"
                : plan.overrides().stream().map(MarkdownRenderer::code).collect(Collectors.joining(", ")));
        out.append('\n');
        out.append("- runs: ").append(report.planned()).append(" planned, ").append(report.count(RunState.DONE))
                .append(" done, ").append(report.count(RunState.FAILED)).append(" failed, ")
                .append(report.unfinished()).append(" unfinished\n");
        out.append("- baseline: ").append(plan.baseline() == null ? "none (no ratios or differences)" : code(plan.baseline()))
                .append('\n');
        out.append("- computed from: ").append(report.doneRunIds().size()).append(" done runs, results sha256 ")
                .append(code(report.resultsSha256())).append("; code version ").append(code(report.codeVersion()))
                .append("; ").append(report.generator()).append('\n');
        out.append("- bootstrap: ").append(Numbers.count(Aggregator.BOOTSTRAP_RESAMPLES)).append(" resamples, seed ")
                .append(code(Long.toString(Aggregator.BOOTSTRAP_SEED))).append('\n');
    }

    /** Links to the plot files (SVG shown where Markdown is rendered; PNG beside it). */
    private static void plots(Report report, StringBuilder out) {
        if (report.plots().isEmpty()) return;
        out.append("\n## Plots\n\n");
        for (KindPlot p : report.plots()) {
            String file = ReportWriter.PLOTS + "/" + p.id();
            out.append("- ").append(p.title()).append(": [SVG](").append(file).append(".svg), [PNG](").append(file)
                    .append(".png)\n");
        }
    }

    /** A kind's own table: a heading, the table, its notes. */
    static void kindTable(KindTable k, StringBuilder out) {
        out.append("\n## ").append(k.title()).append("\n\n");
        TextTable t = new TextTable();
        for (int c = 0; c < k.columns().size(); c++) {
            final int col = c;
            boolean numeric = !k.numbers().isEmpty() && k.numbers().stream().anyMatch(r -> !Double.isNaN(r.get(col)));
            t.column(k.columns().get(c), numeric);
        }
        k.rows().forEach(t::row);
        out.append(t.render());
        for (String note : k.notes()) out.append('\n').append(note).append('\n');
    }

    /** The done runs of a table, in its row order. */
    static List<RunRecord> doneRuns(ResultTable table) {
        return table.rows().stream().flatMap(r -> r.runs().stream()).filter(RunRecord::isDone).toList();
    }

    /** Every done run's energy record, in the tables' row order; nothing where no run has one. */
    private static void energyPerRun(Report report, StringBuilder out) {
        if (report.energy().isEmpty()) return;
        out.append("\n## Energy and CO2 per run\n\n");
        String gap = "";
        for (ResultTable table : report.tables()) {
            TextTable t = EnergyText.perRun(report.energy(), doneRuns(table));
            if (t.rows().isEmpty()) continue;
            out.append(gap).append(t.render());
            gap = "\n";
        }
    }

    /** The generic table's headings and cells, as the Markdown shows them (HTML shows the same). */
    static TextTable textTable(ResultTable table, StoreEnergy energy) {
        boolean matrix = table.hasMatrix();
        MetricSchema schema = table.metrics();
        Metric primary = schema.primary();
        TextTable t = new TextTable().column("dataset", false).column("experiment", false);
        if (matrix) t.column("matrix", false);
        t.column("runs", true).column(Headings.primary(schema), true).column("SE", true).column("95% CI", true);
        if (schema.best() != null) t.column(Headings.best(schema), true);
        t.column("evaluations", true).column("eval ratio", true)
                .column("train s", true).column("train ratio", true).column("wall s", true)
                .column(Headings.delta(schema), true).column("Δ 95% CI", true).column("p (Holm)", true).column("p rank (Holm)", true)
                .column("Δ boot 95% CI", true).column("g [95% CI]", true).column("P(X>Y)", true).column("seeds (power)", true);
        t.column(EnergyText.HEADINGS.get(0), true).column(EnergyText.HEADINGS.get(1), true).column(EnergyText.HEADINGS.get(2), false);
        boolean accounting = table.hasAccounting();
        if (accounting) t.column("SLURM s", true).column("queue s", true).column("restarts", true);
        for (CellRow row : table.rows()) {
            List<String> cells = new ArrayList<>();
            cells.add(row.key().dataset());
            cells.add(experimentLabel(row));
            if (matrix) cells.add(row.key().matrixLabel());
            cells.add(runs(row));
            Summary fin = row.finalTop1();
            cells.add(meanSd(Numbers.metric(primary, fin.mean()), Numbers.metric(primary, fin.sd())));
            cells.add(Numbers.metric(primary, fin.se()));
            cells.add(interval(Numbers.metric(primary, fin.ciLow()), Numbers.metric(primary, fin.ciHigh())));
            if (schema.best() != null) {
                cells.add(meanSd(Numbers.metric(schema.best(), row.bestTop1().mean()), Numbers.metric(schema.best(), row.bestTop1().sd())));
            }
            cells.add((row.evaluationsFromPlan() ? PLANNED_MARK : "") + Numbers.count(row.evaluations()));
            cells.add(Numbers.ratio(row.evaluationRatio()));
            cells.add(meanSd(Numbers.seconds(row.trainSeconds().mean()), Numbers.seconds(row.trainSeconds().sd())));
            cells.add(Numbers.ratio(row.trainSecondsRatio()));
            cells.add(Numbers.seconds(row.wallSeconds().mean()));
            Comparison c = row.comparison();
            if (c == null) {
                for (int i = 0; i < 8; i++) cells.add("—");
            } else {
                Difference d = c.difference();
                cells.add(Numbers.metricDelta(primary, d.delta()));
                cells.add(interval(Numbers.metricDelta(primary, d.ciLow()), Numbers.metricDelta(primary, d.ciHigh())));
                cells.add(Numbers.pValue(row.pHolm()));
                String rank = Numbers.pValue(row.rankPHolm());
                cells.add(d.rankMethod() == RankTest.Method.NORMAL_APPROXIMATION && !rank.equals(Numbers.NA) ? APPROXIMATE_MARK + rank : rank);
                BootstrapInterval b = c.bootstrapDelta();
                cells.add(interval(Numbers.metricDelta(primary, b.low()), Numbers.metricDelta(primary, b.high())));
                HedgesG g = c.hedgesG();
                String gText = Numbers.fixed2(g.g(), true);
                cells.add(gText.equals(Numbers.NA) ? gText
                        : gText + " " + interval(Numbers.fixed2(g.ciLow(), true), Numbers.fixed2(g.ciHigh(), true)));
                cells.add(Numbers.fixed2(c.probabilityOfImprovement(), false));
                cells.add(Numbers.seeds(c.seedsPerArm()));
            }
            cells.addAll(EnergyText.cells(CellEnergy.of(row.runs(), energy)));
            if (accounting) accountingCells(row.accounting(), cells);
            t.row(cells);
        }
        return t;
    }

    /** SLURM elapsed (mean ± sd, and on how many of the done runs where not all), queue wait, restarts. */
    private static void accountingCells(CellAccounting a, List<String> cells) {
        String elapsed = meanSd(Numbers.seconds(a.elapsedSeconds().mean()), Numbers.seconds(a.elapsedSeconds().sd()));
        cells.add(a.isPartial() ? elapsed + " (n=" + a.accounted() + " of " + a.done() + ")" : elapsed);
        cells.add(Numbers.seconds(a.queueWaitSeconds().mean()));
        cells.add(a.accounted() == 0 ? Numbers.NA : Long.toString(a.restarts()));
    }

    /** The reference rows are marked, unless their name already says so. */
    private static String experimentLabel(CellRow row) {
        String name = row.key().experiment();
        return row.isBaseline() && !name.equals("baseline") ? name + " (baseline)" : name;
    }

    private static String runs(CellRow row) {
        String s = row.done() + "/" + row.planned();
        if (row.failed() > 0) s += " (" + row.failed() + " failed)";
        return row.isIncomplete() ? s + INCOMPLETE_MARK : s;
    }

    static void footnote(ResultTable table, StringBuilder out) {
        MetricSchema schema = table.metrics();
        String label = schema.primary().label();
        out.append("Columns: *runs* done/planned; `!` marks a cell with fewer runs done than planned (listed below). ")
                .append('*').append(Headings.primary(schema)).append("*: ").append(label)
                .append(" at the end of training, over done runs, mean ± sample standard deviation (n − 1); ")
                .append("*SE*: standard error of the mean; *95% CI*: Student-t interval of the mean. ");
        if (schema.best() != null) {
            out.append('*').append(Headings.best(schema)).append("*: best ").append(label).append(" over training, mean ± sd. ");
        }
        out.append("*evaluations*: ").append(schema.costUnit())
                .append(", mean over done runs (`~`: planned value, no run done yet). ")
                .append("*eval ratio*, *train ratio*: against the baseline cell of the same dataset and matrix values. ")
                .append("*train s*: training seconds, mean ± sd; *wall s*: mean wall seconds including evaluation. ")
                .append('*').append(Headings.delta(schema)).append("*: mean ").append(label).append(" minus the baseline's, ")
                .append(Headings.deltaUnit(schema)).append(", with its 95% Welch interval. ")
                .append("*p (Holm)*: two-sided Welch t-test p-value, Holm-adjusted over the family of the ")
                .append(table.holmFamilySize()).append(" rows of this table with at least 2 done runs on each side; ")
                .append("n/a where a side has fewer than 2 done runs, or where neither side has any spread (such a row ")
                .append("still counts in the family, as if its p were 1). ")
                .append("*p rank (Holm)*: two-sided Mann–Whitney p-value (no normality assumed; with few seeds it cannot ")
                .append("go low: 0.1 at best for 3 against 3), exact up to 2 million splits of the pooled runs and beyond ")
                .append("that the normal approximation with tie and continuity correction (marked `").append(APPROXIMATE_MARK)
                .append("`), Holm-adjusted over the same family. ")
                .append("*Δ boot 95% CI*: percentile bootstrap interval of Δ (each side resampled to its own size, seed and ")
                .append("resamples above); at few seeds it is narrower than the t interval, a check on it, not a replacement. ")
                .append("*g [95% CI]*: Hedges' g (Δ over the pooled sd, small-sample corrected) with its normal-approximation ")
                .append("interval. *P(X>Y)*: the fraction of (row run, baseline run) pairs in which the row's ").append(label)
                .append(" is higher, ties ½. *seeds (power)*: seeds per arm a two-sided t-test at α = 0.05 needs for power 0.8 ")
                .append("if the observed Δ and pooled sd were the truth (`∞`: Δ = 0 or beyond 1,000,000).\n");
    }

    /** Only in reports with SLURM columns, so a report of local runs reads as it always did. */
    static void accountingNote(StringBuilder out) {
        out.append("\nSLURM columns, from the accounting saved with each done run that SLURM executed: ")
                .append("*SLURM s*: elapsed job time summed over all attempts of a run (requeues after a preemption ")
                .append("or time limit included), mean ± sd; `(n=3 of 5)`: only 3 of the cell's 5 done runs have ")
                .append("accounting, and the SLURM columns rest on those. *queue s*: mean wait in the queue before a ")
                .append("run's first start. *restarts*: requeues, summed over the cell's runs.\n");
    }

    private static void incomplete(ResultTable table, StringBuilder out) {
        List<CellRow> rows = table.incompleteRows();
        if (rows.isEmpty()) return;
        out.append("\n## Failed and unfinished runs\n\n");
        for (CellRow row : rows) {
            out.append("- ").append(row.key()).append(": ").append(row.done()).append('/').append(row.planned())
                    .append(" done\n");
            for (RunRecord r : row.runs()) {
                if (r.isDone()) continue;
                out.append("  - ").append(code(r.id())).append(" seed ").append(r.planned().seed()).append(": ")
                        .append(r.state().label());
                if (r.state() == RunState.FAILED && r.failure() != null) {
                    if (r.failure().exitCode() != null) out.append(", exit ").append(r.failure().exitCode());
                    if (r.failure().message() != null) out.append(": ").append(oneLine(r.failure().message()));
                }
                if (r.problem() != null) out.append(": ").append(r.problem());
                out.append('\n');
            }
        }
    }

    static String oneLine(String s) {
        return s.strip().replaceAll("\\s*\\R\\s*", " / ");
    }

    private static String code(String s) {
        return "`" + s + "`";
    }

    private static String or(String s, String fallback) {
        return s == null ? fallback : s;
    }
}
