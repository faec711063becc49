package io.frugal.analysis.report;

import static io.frugal.analysis.report.Numbers.interval;
import static io.frugal.analysis.report.Numbers.meanSd;
import static io.frugal.analysis.report.Numbers.percent;
import static io.frugal.analysis.report.Numbers.points;

import io.frugal.analysis.stats.Difference;
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

    @Override
    public String render(Report report) {
        StringBuilder out = new StringBuilder();
        header(report, out);
        out.append('\n').append(table(report.table())).append('\n');
        footnote(report, out);
        if (report.table().hasAccounting()) accountingNote(out);
        incomplete(report.table(), out);
        if (!report.snapshot().problems().isEmpty()) {
            out.append("\n## Problems\n\n");
            report.snapshot().problems().forEach(p -> out.append("- ").append(p).append('\n'));
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
    }

    static String table(ResultTable table) {
        boolean matrix = table.hasMatrix();
        TextTable t = new TextTable().column("dataset", false).column("experiment", false);
        if (matrix) t.column("matrix", false);
        t.column("runs", true).column("top-1 final %", true).column("SE", true).column("95% CI", true)
                .column("top-1 best %", true).column("evaluations", true).column("eval ratio", true)
                .column("train s", true).column("train ratio", true).column("wall s", true)
                .column("Δ top-1 pp", true).column("Δ 95% CI", true).column("p (Holm)", true).column("p rank (Holm)", true);
        boolean accounting = table.hasAccounting();
        if (accounting) t.column("SLURM s", true).column("queue s", true).column("restarts", true);
        for (CellRow row : table.rows()) {
            List<String> cells = new ArrayList<>();
            cells.add(row.key().dataset());
            cells.add(experimentLabel(row));
            if (matrix) cells.add(row.key().matrixLabel());
            cells.add(runs(row));
            Summary fin = row.finalTop1();
            cells.add(meanSd(percent(fin.mean()), percent(fin.sd())));
            cells.add(percent(fin.se()));
            cells.add(interval(percent(fin.ciLow()), percent(fin.ciHigh())));
            cells.add(meanSd(percent(row.bestTop1().mean()), percent(row.bestTop1().sd())));
            cells.add((row.evaluationsFromPlan() ? PLANNED_MARK : "") + Numbers.count(row.evaluations()));
            cells.add(Numbers.ratio(row.evaluationRatio()));
            cells.add(meanSd(Numbers.seconds(row.trainSeconds().mean()), Numbers.seconds(row.trainSeconds().sd())));
            cells.add(Numbers.ratio(row.trainSecondsRatio()));
            cells.add(Numbers.seconds(row.wallSeconds().mean()));
            Difference d = row.vsBaseline();
            cells.add(d == null ? "—" : points(d.delta()));
            cells.add(d == null ? "—" : interval(points(d.ciLow()), points(d.ciHigh())));
            cells.add(d == null ? "—" : Numbers.pValue(row.pHolm()));
            cells.add(d == null ? "—" : Numbers.pValue(row.rankPHolm()));
            if (accounting) accountingCells(row.accounting(), cells);
            t.row(cells);
        }
        return t.render();
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

    private static void footnote(Report report, StringBuilder out) {
        long compared = report.table().rows().stream().filter(r -> r.vsBaseline() != null && r.vsBaseline().tested()).count();
        out.append("""
                Columns: *runs* done/planned; `!` marks a cell with fewer runs done than planned (listed below). \
                *top-1 final %*: final-epoch test accuracy over done runs, mean ± sample standard deviation (n − 1); \
                *SE*: standard error of the mean; *95% CI*: Student-t interval of the mean. \
                *top-1 best %*: best-epoch accuracy, mean ± sd. \
                *evaluations*: images trained on, mean over done runs (`~`: planned value, no run done yet). \
                *eval ratio*, *train ratio*: against the baseline cell of the same dataset and matrix values. \
                *train s*: training seconds, mean ± sd; *wall s*: mean wall seconds including evaluation. \
                *Δ top-1 pp*: mean final top-1 minus the baseline's, in percentage points, with its 95% Welch interval. \
                *p (Holm)*: two-sided Welch t-test p-value, Holm-adjusted across the\s""")
                .append(compared).append(" compared rows of this table; n/a where a side has fewer than 2 done runs. ")
                .append("*p rank (Holm)*: exact two-sided Mann–Whitney p-value (no normality assumed; with few seeds ")
                .append("it cannot go low: 0.1 at best for 3 against 3), Holm-adjusted the same way.\n");
    }

    /** Only in reports with SLURM columns, so a report of local runs reads as it always did. */
    private static void accountingNote(StringBuilder out) {
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

    private static String oneLine(String s) {
        return s.strip().replaceAll("\\s*\\R\\s*", " / ");
    }

    private static String code(String s) {
        return "`" + s + "`";
    }

    private static String or(String s, String fallback) {
        return s == null ? fallback : s;
    }
}
