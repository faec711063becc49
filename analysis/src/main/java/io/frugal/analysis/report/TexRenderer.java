package io.frugal.analysis.report;

import static io.frugal.analysis.report.Numbers.NA;

import io.frugal.analysis.energy.CellEnergy;
import io.frugal.analysis.energy.StoreEnergy;
import io.frugal.analysis.stats.Comparison;
import io.frugal.analysis.table.Aggregator;
import io.frugal.core.kind.KindTable;
import io.frugal.core.kind.MetricSchema;
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
        StringBuilder out = new StringBuilder();
        out.append("% frugal report: ").append(comment(plan.name())).append('\n');
        out.append("% manifest ").append(comment(plan.manifest())).append(", sha256 ").append(comment(plan.manifestSha256()))
                .append("; profile ").append(comment(plan.profile())).append('\n');
        out.append("% computed from ").append(report.doneRunIds().size()).append(" of ").append(report.planned())
                .append(" planned runs, results sha256 ").append(report.resultsSha256()).append("; code version ")
                .append(comment(report.codeVersion())).append("; ").append(report.generator()).append('\n');
        out.append("% bootstrap: ").append(Aggregator.BOOTSTRAP_RESAMPLES).append(" resamples, seed ")
                .append(Aggregator.BOOTSTRAP_SEED).append('\n');
        out.append("% needs \\usepackage{booktabs}\n");
        boolean several = report.tables().size() > 1;
        for (ResultTable table : report.tables()) {
            if (several) out.append("% ").append(comment(table.kind())).append(" runs\n");
            table(table, report.energy(), out);
        }
        for (KindTable k : report.kindTables()) kindTable(k, out);
        energyPerRun(report, out);
        return out.toString();
    }

    private static void table(ResultTable table, StoreEnergy energy, StringBuilder out) {
        boolean matrix = table.hasMatrix();
        boolean accounting = table.hasAccounting();
        MetricSchema schema = table.metrics();
        MetricSchema.Metric primary = schema.primary();
        boolean fraction = primary.unit() == MetricSchema.Unit.FRACTION;
        String label = escape(Headings.capitalised(primary.label()));
        out.append("\\begin{tabular}{ll").append(matrix ? "l" : "").append("rrrrrrrrrrrrrl").append(accounting ? "rrr" : "")
                .append("}\n\\toprule\n");
        List<String> head = new ArrayList<>(List.of("Dataset", "Experiment"));
        if (matrix) head.add("Matrix");
        head.addAll(List.of("$n$", label + (fraction ? " (\\%)" : ""), "95\\% CI", "Eval.\\ ratio", "Train ratio",
                "$\\Delta$ " + escape(primary.label()) + (fraction ? " (pp)" : ""), "$p_{\\mathrm{Holm}}$",
                "Boot.\\ 95\\% CI", "$g$", "$P(X{>}Y)$", "Seeds", "Energy (Wh)", "CO$_2$ (g)", "Energy source"));
        if (accounting) head.addAll(List.of("SLURM (s)", "Queue (s)", "Restarts"));
        out.append(String.join(" & ", head)).append(" \\\\\n\\midrule\n");
        for (CellRow row : table.rows()) {
            List<String> cells = new ArrayList<>();
            cells.add(escape(row.key().dataset()));
            cells.add(escape(row.key().experiment()));
            if (matrix) cells.add(escape(row.key().matrixLabel()));
            cells.add(row.done() + (row.isIncomplete() ? "/" + row.planned() + "$^{!}$" : ""));
            String mean = Numbers.metric(primary, row.finalTop1().mean());
            String sd = Numbers.metric(primary, row.finalTop1().sd());
            cells.add(sd.equals(NA) ? mean : mean + " $\\pm$ " + sd);
            cells.add(Numbers.interval(Numbers.metric(primary, row.finalTop1().ciLow()), Numbers.metric(primary, row.finalTop1().ciHigh())));
            cells.add(Numbers.ratio(row.evaluationRatio()));
            cells.add(Numbers.ratio(row.trainSecondsRatio()));
            Comparison c = row.comparison();
            if (c == null) {
                for (int i = 0; i < 6; i++) cells.add("---");
            } else {
                cells.add(math(Numbers.metricDelta(primary, c.difference().delta())));
                cells.add(Numbers.pValue(row.pHolm()).replace("<", "$<$"));
                cells.add(Numbers.interval(math(Numbers.metricDelta(primary, c.bootstrapDelta().low())),
                        math(Numbers.metricDelta(primary, c.bootstrapDelta().high()))));
                cells.add(math(Numbers.fixed2(c.hedgesG().g(), true)));
                cells.add(Numbers.fixed2(c.probabilityOfImprovement(), false));
                String seeds = Numbers.seeds(c.seedsPerArm());
                cells.add(seeds.equals("∞") ? "$\\infty$" : seeds.replace(",", "{,}"));
            }
            for (String e : EnergyText.cells(CellEnergy.of(row.runs(), energy))) cells.add(escape(e).replace("±", "$\\pm$"));
            if (accounting) accountingCells(row.accounting(), cells);
            out.append(String.join(" & ", cells)).append(" \\\\\n");
        }
        out.append("\\bottomrule\n\\end{tabular}\n");
        out.append("% n: done runs (/planned and ! where fewer were done); mean $\\pm$ sample sd (n-1); "
                + "Student-t 95% CI; ratios and Welch differences against the baseline of the same dataset; "
                + "p-values Holm-adjusted over the ").append(table.holmFamilySize())
                .append(" rows with at least 2 done runs on each side; Boot.: percentile bootstrap CI of the difference; "
                + "g: Hedges' g; P(X>Y): probability of improvement; Seeds: per arm for power 0.8 at alpha 0.05.\n");
        out.append("% ").append(plain(EnergyText.note(energy, MarkdownRenderer.doneRuns(table)))).append('\n');
        if (accounting) {
            out.append("% SLURM (s): elapsed job time summed over all attempts of a run, mean $\\pm$ sd over done runs with "
                    + "SLURM accounting (n=a of d where only a of d have it); Queue (s): mean wait before a run's first start; "
                    + "Restarts: requeues, summed over the cell.\n");
        }
    }

    /** Every done run's energy record as a table of its own; nothing where no run has one. */
    private static void energyPerRun(Report report, StringBuilder out) {
        if (report.energy().isEmpty()) return;
        out.append("% Energy and CO2 per run\n");
        for (ResultTable table : report.tables()) {
            TextTable t = EnergyText.perRun(report.energy(), MarkdownRenderer.doneRuns(table));
            if (t.rows().isEmpty()) continue;
            out.append("\\begin{tabular}{lllrlrrrrr}\n\\toprule\n");
            out.append(String.join(" & ", t.headers().stream().map(TexRenderer::escape).toList()).replace("CO2", "CO$_2$")).append(" \\\\\n\\midrule\n");
            for (List<String> r : t.rows()) out.append(String.join(" & ", r.stream().map(TexRenderer::escape).toList())).append(" \\\\\n");
            out.append("\\bottomrule\n\\end{tabular}\n");
        }
    }

    /** A Markdown footnote as plain comment text: no emphasis or code marks, one line. */
    private static String plain(String markdown) {
        return comment(markdown.replace("*", "").replace("`", ""));
    }

    /** A kind's own table: its title as a comment, the cells as the kind formatted them. */
    private static void kindTable(KindTable k, StringBuilder out) {
        out.append("% ").append(comment(k.title())).append('\n');
        out.append("\\begin{tabular}{").append("l".repeat(Math.max(1, k.columns().size()))).append("}\n\\toprule\n");
        out.append(k.columns().stream().map(TexRenderer::escape).collect(java.util.stream.Collectors.joining(" & ")))
                .append(" \\\\\n\\midrule\n");
        for (List<String> r : k.rows()) {
            out.append(r.stream().map(TexRenderer::escape).collect(java.util.stream.Collectors.joining(" & "))).append(" \\\\\n");
        }
        out.append("\\bottomrule\n\\end{tabular}\n");
        for (String n : k.notes()) out.append("% ").append(comment(n)).append('\n');
    }

    /** A signed number in math mode, so the minus sign typesets as one; n/a as it is. */
    private static String math(String s) {
        return s.equals(NA) ? s : "$" + s + "$";
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
