package io.frugal.reproducibility.claims;

import java.util.List;
import java.util.Map;

/**
 * Which cells (dataset × experiment × matrix values) of a run store a claim applies to. An empty
 * list means any value; matrix values are compared as text (as plan.json's matrix labels are). An
 * experiment may hold one {@code *}, standing for any text: {@code rela-random-*} names
 * rela-random-r20 and rela-random-r20-in1k alike, so one claim covers every budget of a grid whose
 * budgets are experiments; what the {@code *} stood for names the cell's reference (see
 * {@link ReferenceCell}).
 */
public record CellSelector(List<String> datasets, List<String> experiments, Map<String, List<String>> matrix) {
    public CellSelector {
        datasets = List.copyOf(datasets);
        experiments = List.copyOf(experiments);
        matrix = Map.copyOf(matrix);
    }

    public boolean matches(String dataset, String experiment, Map<String, String> matrixLabels) {
        if (!datasets.isEmpty() && !datasets.contains(dataset)) return false;
        if (!experiments.isEmpty() && experiments.stream().noneMatch(e -> wildcardOf(e, experiment) != null)) return false;
        for (Map.Entry<String, List<String>> e : matrix.entrySet()) {
            String v = matrixLabels.get(e.getKey());
            if (v == null || !e.getValue().stream().anyMatch(want -> sameValue(want, v))) return false;
        }
        return true;
    }

    /**
     * What the {@code *} of the first experiment pattern that names {@code experiment} stood for, or
     * null where none has a {@code *} that matches it (a plain name that matches gives null too).
     */
    public String wildcard(String experiment) {
        for (String e : experiments) {
            String w = wildcardOf(e, experiment);
            if (w != null && e.contains("*")) return w;
        }
        return null;
    }

    /** The text the pattern's {@code *} matched in {@code experiment} ("" for a plain name that is equal), or null for no match. */
    private static String wildcardOf(String pattern, String experiment) {
        int star = pattern.indexOf('*');
        if (star < 0) return pattern.equals(experiment) ? "" : null;
        String head = pattern.substring(0, star), tail = pattern.substring(star + 1);
        if (experiment.length() < head.length() + tail.length() + 1 || !experiment.startsWith(head) || !experiment.endsWith(tail)) return null;
        return experiment.substring(head.length(), experiment.length() - tail.length());
    }

    /** Matrix values as text, with 0.1 and 0.10 or 100 and 100.0 the same number. */
    static boolean sameValue(String a, String b) {
        if (a.equals(b)) return true;
        try {
            return Double.parseDouble(a) == Double.parseDouble(b);
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
