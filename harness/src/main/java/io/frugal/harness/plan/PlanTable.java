package io.frugal.harness.plan;

import io.frugal.core.store.Plan;
import io.frugal.core.store.PlannedRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The plan as a text table for people: one row per run (with the runs it needs, if any), then a summary line. */
public final class PlanTable {
    /** The kind's plan fields (epochs, train_size) as their columns are headed; others are shown upper-cased. */
    private static final java.util.Map<String, String> DETAIL_HEADERS = java.util.Map.of("epochs", "EPOCHS", "train_size", "N");

    private PlanTable() {}

    public static String render(Plan plan) {
        // the kinds' own plan fields become columns, in the order they first appear
        java.util.LinkedHashSet<String> details = new java.util.LinkedHashSet<>();
        for (PlannedRun r : plan.runs()) r.cost().details().fieldNames().forEachRemaining(details::add);
        boolean needs = plan.runs().stream().anyMatch(r -> !r.inputs().isEmpty());
        List<String> header = new ArrayList<>(List.of("RUN ID", "EXPERIMENT", "DATASET", "SEED", "MATRIX"));
        List<Boolean> numeric = new ArrayList<>(List.of(false, false, false, true, false));
        for (String d : details) {
            header.add(DETAIL_HEADERS.getOrDefault(d, d.toUpperCase(Locale.ROOT)));
            numeric.add(true);
        }
        header.addAll(List.of("PLANNED EVALS", "RATIO"));
        numeric.addAll(List.of(true, true));
        if (needs) {
            header.add("NEEDS");
            numeric.add(false);
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(header.toArray(String[]::new));
        for (PlannedRun r : plan.runs()) {
            List<String> row = new ArrayList<>(List.of(r.id(), r.experiment(), r.dataset(), Long.toString(r.seed()), matrix(r)));
            for (String d : details) row.add(r.detail(d).isMissingNode() ? "-" : r.detail(d).asText());
            row.add(Long.toString(r.plannedEvaluations()));
            row.add(String.format(Locale.ROOT, "%.4f", r.evaluationRatio()));
            if (needs) {
                row.add(r.inputs().isEmpty() ? "-" : r.inputs().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(",")));
            }
            rows.add(row.toArray(String[]::new));
        }
        boolean[] isNumber = new boolean[numeric.size()];
        for (int i = 0; i < isNumber.length; i++) isNumber[i] = numeric.get(i);
        int[] width = new int[header.size()];
        for (String[] row : rows) for (int i = 0; i < row.length; i++) width[i] = Math.max(width[i], row[i].length());
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                if (i > 0) out.append("  ");
                String pad = " ".repeat(width[i] - row[i].length());
                out.append(isNumber[i] ? pad + row[i] : row[i] + pad);
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
