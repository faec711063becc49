package io.frugal.reproducibility.claims;

import java.util.Map;

/**
 * The cell a claim compares each of its cells with: same dataset and matrix values, experiment
 * {@code experiment} (null: the plan's baseline), and the matrix values in {@code matrix} replaced
 * (e.g. a 50 % budget compared with the full budget). A {@code *} in the experiment stands for the
 * cell's own experiment after its first "-", so {@code increment-*} pairs cut-E4 with increment-E4.
 */
public record ReferenceCell(String experiment, Map<String, String> matrix) {
    public ReferenceCell {
        matrix = Map.copyOf(matrix);
    }

    public static final ReferenceCell BASELINE = new ReferenceCell(null, Map.of());

    /** The reference experiment for a cell of experiment {@code cellExperiment}, given the plan's baseline. */
    public String experimentFor(String cellExperiment, String planBaseline) {
        if (experiment == null) return planBaseline;
        if (!experiment.contains("*")) return experiment;
        int dash = cellExperiment.indexOf('-');
        return experiment.replace("*", dash < 0 ? cellExperiment : cellExperiment.substring(dash + 1));
    }
}
