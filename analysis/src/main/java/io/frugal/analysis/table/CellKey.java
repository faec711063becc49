package io.frugal.analysis.table;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** One cell of a results table: a dataset, an experiment, and the run's matrix values (axis → value). */
public record CellKey(String dataset, String experiment, Map<String, String> matrix) {
    public CellKey {
        matrix = java.util.Collections.unmodifiableMap(new TreeMap<>(matrix));
    }

    /** "axis=value, axis=value" in axis order; empty when the manifest declares no matrix. */
    public String matrixLabel() {
        return matrix.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }

    public CellKey withExperiment(String other) {
        return new CellKey(dataset, other, matrix);
    }

    @Override
    public String toString() {
        return dataset + " / " + experiment + (matrix.isEmpty() ? "" : " [" + matrixLabel() + "]");
    }
}
