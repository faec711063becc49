package io.frugal.analysis.report;

import io.frugal.analysis.compare.CellComparison;
import io.frugal.analysis.compare.RunMismatch;
import io.frugal.analysis.compare.StoreComparison;
import io.frugal.analysis.stats.Equivalence;
import io.frugal.analysis.table.CellKey;
import java.util.ArrayList;
import java.util.List;

/** {@code frugal compare} as Markdown: a summary line, one row per shared cell, then what differs. */
public final class ComparisonRenderer {
    private ComparisonRenderer() {}

    public static String markdown(StoreComparison c) {
        StringBuilder out = new StringBuilder();
        out.append("# frugal compare\n\n- A: `").append(c.a()).append("`\n- B: `").append(c.b()).append("`\n");
        long identical = c.cells().stream().filter(CellComparison::identical).count();
        out.append("- cells: ").append(c.cells().size()).append(" in both (").append(identical).append(" identical), ")
                .append(c.onlyInA().size()).append(" only in A, ").append(c.onlyInB().size()).append(" only in B\n");
        out.append("- runs of one config not bitwise equal: ").append(c.mismatches().size())
                .append(" (").append(c.mismatches().stream().filter(RunMismatch::bothCpu).count()).append(" of them CPU runs in both)\n");
        out.append("- verdict: ").append(c.allIdentical() ? "every shared cell is identical" : "the stores differ").append("\n\n");
        TextTable t = new TextTable().column("dataset", false).column("experiment", false).column("matrix", false)
                .column("metric", false).column("runs A", true).column("runs B", true).column("mean A", true).column("mean B", true)
                .column("Δ (B − A)", true).column("Δ 95% CI", true).column("p (Welch)", true)
                .column("TOST " + Math.round(100 * (1 - 2 * Equivalence.ALPHA)) + "% CI", true).column("p (TOST)", true)
                .column("runs not equal", true).column("verdict", false);
        for (CellComparison cell : c.cells()) {
            List<String> r = new ArrayList<>();
            r.add(cell.key().dataset());
            r.add(cell.key().experiment());
            r.add(cell.key().matrixLabel());
            r.add(cell.metric().label());
            r.add(Integer.toString(cell.doneA()));
            r.add(Integer.toString(cell.doneB()));
            r.add(Numbers.metric(cell.metric(), cell.meanA()));
            r.add(Numbers.metric(cell.metric(), cell.meanB()));
            r.add(Numbers.metricDelta(cell.metric(), cell.welch().delta()));
            r.add(Numbers.interval(Numbers.metricDelta(cell.metric(), cell.welch().ciLow()), Numbers.metricDelta(cell.metric(), cell.welch().ciHigh())));
            r.add(Numbers.pValue(cell.welch().pValue()));
            r.add(Numbers.interval(Numbers.metricDelta(cell.metric(), cell.equivalence().ciLow()),
                    Numbers.metricDelta(cell.metric(), cell.equivalence().ciHigh())));
            r.add(Numbers.pValue(cell.equivalence().p()));
            r.add(Integer.toString(cell.runsNotEqual()));
            r.add(cell.verdict());
            t.row(r);
        }
        out.append(t.render());
        out.append("\nΔ: mean of B minus mean of A over done runs, in the metric's display unit (percentage points for ")
                .append("fractions), with its 95% Welch interval and two-sided p. Equivalence: two one-sided tests at α = ")
                .append(Equivalence.ALPHA).append(" within ±").append(c.margin()).append(" (in the metric's stored unit); ")
                .append("*equivalent* when the TOST interval lies inside the margin, *different* when it lies wholly outside, ")
                .append("*inconclusive* otherwise; *identical*: the same done runs in both, every value bitwise equal.\n");
        if (!c.mismatches().isEmpty()) {
            out.append("\n## Runs of one config that are not bitwise equal\n\n");
            for (RunMismatch m : c.mismatches()) {
                out.append("- `").append(m.runId()).append("` (").append(m.cell()).append(")")
                        .append(m.bothCpu() ? ", CPU in both, should be equal" : ", not known to be CPU runs in both")
                        .append(": ").append(String.join("; ", m.differences())).append('\n');
            }
        }
        cells(out, "Cells only in A", c.onlyInA());
        cells(out, "Cells only in B", c.onlyInB());
        if (!c.problems().isEmpty()) {
            out.append("\n## Problems\n\n");
            c.problems().forEach(p -> out.append("- ").append(p).append('\n'));
        }
        return out.toString();
    }

    private static void cells(StringBuilder out, String title, List<CellKey> keys) {
        if (keys.isEmpty()) return;
        out.append("\n## ").append(title).append("\n\n");
        keys.forEach(k -> out.append("- ").append(k).append('\n'));
    }
}
