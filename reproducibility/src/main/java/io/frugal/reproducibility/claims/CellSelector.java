package io.frugal.reproducibility.claims;

import java.util.List;
import java.util.Map;

/**
 * Which cells (dataset × experiment × matrix values) of a run store a claim applies to. An empty
 * list means any value; matrix values are compared as text (as plan.json's matrix labels are).
 */
public record CellSelector(List<String> datasets, List<String> experiments, Map<String, List<String>> matrix) {
    public CellSelector {
        datasets = List.copyOf(datasets);
        experiments = List.copyOf(experiments);
        matrix = Map.copyOf(matrix);
    }

    public boolean matches(String dataset, String experiment, Map<String, String> matrixLabels) {
        if (!datasets.isEmpty() && !datasets.contains(dataset)) return false;
        if (!experiments.isEmpty() && !experiments.contains(experiment)) return false;
        for (Map.Entry<String, List<String>> e : matrix.entrySet()) {
            String v = matrixLabels.get(e.getKey());
            if (v == null || !e.getValue().stream().anyMatch(want -> sameValue(want, v))) return false;
        }
        return true;
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
