package io.frugal.harness.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The plan as a text table for people: one row per run, then a summary line. */
public final class PlanTable {
    private static final String[] HEADER = {"RUN ID", "EXPERIMENT", "DATASET", "SEED", "MATRIX", "EPOCHS", "N",
            "PLANNED EVALS", "RATIO"};
    /** Columns holding numbers are right-aligned. */
    private static final boolean[] NUMERIC = {false, false, false, true, false, true, true, true, true};

    private PlanTable() {}

    public static String render(Plan plan) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (PlannedRun r : plan.runs()) {
            rows.add(new String[] {r.id(), r.experiment(), r.dataset(), Long.toString(r.seed()), matrix(r),
                    Integer.toString(r.epochs()), Integer.toString(r.trainSize()), Long.toString(r.plannedEvaluations()),
                    String.format(Locale.ROOT, "%.4f", r.evaluationRatio())});
        }
        int[] width = new int[HEADER.length];
        for (String[] row : rows) for (int i = 0; i < row.length; i++) width[i] = Math.max(width[i], row[i].length());
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                if (i > 0) out.append("  ");
                String pad = " ".repeat(width[i] - row[i].length());
                out.append(NUMERIC[i] ? pad + row[i] : row[i] + pad);
            }
            out.append('\n');
        }
        out.append(summary(plan)).append('\n');
        return out.toString();
    }

    public static String summary(Plan plan) {
        long total = plan.totalPlannedEvaluations();
        long full = plan.totalBaselineEvaluations();
        long experiments = plan.runs().stream().map(PlannedRun::experiment).distinct().count();
        return String.format(Locale.ROOT, "%d runs, %d experiments, %d datasets, %d seeds, %d planned evaluations (%.4f of full-data training)",
                plan.runs().size(), experiments, plan.datasets().size(), plan.seeds().size(), total, full == 0 ? 0.0 : (double) total / full);
    }

    private static String matrix(PlannedRun r) {
        if (r.matrix().isEmpty()) return "-";
        List<String> parts = new ArrayList<>();
        r.matrix().fields().forEachRemaining(e -> parts.add(e.getKey() + "=" + e.getValue().asText()));
        return parts.stream().collect(Collectors.joining(","));
    }
}
