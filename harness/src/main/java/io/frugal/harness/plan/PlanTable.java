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
        StringBuilder out = new StringBuilder();
        render(plan, out);
        return out.toString();
    }

    /**
     * Writes the table into {@code out} row by row: one pass for the column widths, one to write,
     * so that a plan of a million runs is printed without holding its table (a gigabyte of cells).
     */
    public static void render(Plan plan, Appendable out) {
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
        boolean[] isNumber = new boolean[numeric.size()];
        for (int i = 0; i < isNumber.length; i++) isNumber[i] = numeric.get(i);
        String[] head = header.toArray(String[]::new);
        int[] width = new int[head.length];
        widen(width, head);
        for (PlannedRun r : plan.runs()) widen(width, row(r, details, needs));
        try {
            write(out, head, width, isNumber);
            for (PlannedRun r : plan.runs()) write(out, row(r, details, needs), width, isNumber);
            out.append(summary(plan)).append('\n');
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String[] row(PlannedRun r, java.util.Set<String> details, boolean needs) {
        List<String> row = new ArrayList<>(List.of(r.id(), r.experiment(), r.dataset(), Long.toString(r.seed()), matrix(r)));
        for (String d : details) row.add(r.detail(d).isMissingNode() ? "-" : r.detail(d).asText());
        row.add(Long.toString(r.plannedEvaluations()));
        row.add(String.format(Locale.ROOT, "%.4f", r.evaluationRatio()));
        if (needs) {
            row.add(r.inputs().isEmpty() ? "-" : r.inputs().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(",")));
        }
        return row.toArray(String[]::new);
    }

    private static void widen(int[] width, String[] row) {
        for (int i = 0; i < row.length; i++) width[i] = Math.max(width[i], row[i].length());
    }

    private static void write(Appendable out, String[] row, int[] width, boolean[] isNumber) throws java.io.IOException {
        for (int i = 0; i < row.length; i++) {
            if (i > 0) out.append("  ");
            String pad = " ".repeat(width[i] - row[i].length());
            out.append(isNumber[i] ? pad + row[i] : row[i] + pad);
        }
        out.append('\n');
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
