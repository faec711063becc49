package io.frugal.analysis.report;

import static io.frugal.analysis.report.Numbers.NA;

import io.frugal.analysis.stats.Difference;
import io.frugal.core.store.Plan;
import io.frugal.analysis.table.CellAccounting;
import io.frugal.analysis.table.CellRow;
import io.frugal.analysis.table.ResultTable;
import java.util.ArrayList;
import java.util.List;

/**
 * A booktabs table ready to paste into a paper (needs the booktabs package). What it was
 * computed from goes into LaTeX comments above it, so the provenance travels with the file but not
 * into the typeset page.
 */
public final class TexRenderer implements ReportRenderer {
    @Override
    public String render(Report report) {
        Plan plan = report.snapshot().plan();
        ResultTable table = report.table();
        boolean matrix = table.hasMatrix();
        boolean accounting = table.hasAccounting();
        StringBuilder out = new StringBuilder();
        out.append("% frugal report: ").append(comment(plan.name())).append('\n');
        out.append("% manifest ").append(comment(plan.manifest())).append(", sha256 ").append(comment(plan.manifestSha256()))
                .append("; profile ").append(comment(plan.profile())).append('\n');
        out.append("% computed from ").append(report.doneRunIds().size()).append(" of ").append(report.planned())
                .append(" planned runs, results sha256 ").append(report.resultsSha256()).append("; code version ")
                .append(comment(report.codeVersion())).append("; ").append(report.generator()).append('\n');
        out.append("% needs \\usepackage{booktabs}\n");
        out.append("\\begin{tabular}{ll").append(matrix ? "l" : "").append("rrrrrrr").append(accounting ? "rrr" : "")
                .append("}\n\\toprule\n");
        List<String> head = new ArrayList<>(List.of("Dataset", "Experiment"));
        if (matrix) head.add("Matrix");
        head.addAll(List.of("$n$", "Top-1 (\\%)", "95\\% CI", "Eval.\\ ratio", "Train ratio",
                "$\\Delta$ top-1 (pp)", "$p_{\\mathrm{Holm}}$"));
        if (accounting) head.addAll(List.of("SLURM (s)", "Queue (s)", "Restarts"));
        out.append(String.join(" & ", head)).append(" \\\\\n\\midrule\n");
        for (CellRow row : table.rows()) {
            List<String> cells = new ArrayList<>();
            cells.add(escape(row.key().dataset()));
            cells.add(escape(row.key().experiment()));
            if (matrix) cells.add(escape(row.key().matrixLabel()));
            cells.add(row.done() + (row.isIncomplete() ? "/" + row.planned() + "$^{!}$" : ""));
            String mean = Numbers.percent(row.finalTop1().mean());
            String sd = Numbers.percent(row.finalTop1().sd());
            cells.add(sd.equals(NA) ? mean : mean + " $\\pm$ " + sd);
            cells.add(Numbers.interval(Numbers.percent(row.finalTop1().ciLow()), Numbers.percent(row.finalTop1().ciHigh())));
            cells.add(Numbers.ratio(row.evaluationRatio()));
            cells.add(Numbers.ratio(row.trainSecondsRatio()));
            Difference d = row.vsBaseline();
            String delta = d == null ? "---" : Numbers.points(d.delta());
            cells.add(delta.equals("---") || delta.equals(NA) ? delta : "$" + delta + "$");
            cells.add(d == null ? "---" : Numbers.pValue(row.pHolm()).replace("<", "$<$"));
            if (accounting) accountingCells(row.accounting(), cells);
            out.append(String.join(" & ", cells)).append(" \\\\\n");
        }
        out.append("\\bottomrule\n\\end{tabular}\n");
        out.append("% n: done runs (/planned and ! where fewer were done); mean $\\pm$ sample sd (n-1); "
                + "Student-t 95% CI; ratios and Welch differences against the baseline of the same dataset; "
                + "p-values Holm-adjusted across the table.\n");
        if (accounting) {
            out.append("% SLURM (s): elapsed job time summed over all attempts of a run, mean $\\pm$ sd over done runs with "
                    + "SLURM accounting (n=a of d where only a of d have it); Queue (s): mean wait before a run's first start; "
                    + "Restarts: requeues, summed over the cell.\n");
        }
        return out.toString();
    }

    private static void accountingCells(CellAccounting a, List<String> cells) {
        String mean = Numbers.seconds(a.elapsedSeconds().mean());
        String sd = Numbers.seconds(a.elapsedSeconds().sd());
        String elapsed = sd.equals(NA) ? mean : mean + " $\\pm$ " + sd;
        cells.add(a.isPartial() ? elapsed + " ($n{=}" + a.accounted() + "$ of " + a.done() + ")" : elapsed);
        cells.add(Numbers.seconds(a.queueWaitSeconds().mean()));
        cells.add(a.accounted() == 0 ? NA : Long.toString(a.restarts()));
    }

    /** Escapes the characters LaTeX treats specially in running text. */
    static String escape(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\textbackslash{}");
                case '&', '%', '$', '#', '_', '{', '}' -> out.append('\\').append(c);
                case '~' -> out.append("\\textasciitilde{}");
                case '^' -> out.append("\\textasciicircum{}");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String comment(String s) {
        return s == null ? "unknown" : s.replace('\n', ' ');
    }
}
