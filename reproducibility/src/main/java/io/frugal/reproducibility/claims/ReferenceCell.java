package io.frugal.reproducibility.claims;

import java.util.Map;

/**
 * The cell a claim compares each of its cells with: same dataset and matrix values, experiment
 * {@code experiment} (null: the plan's baseline), and the matrix values in {@code matrix} replaced
 * (e.g. a 50 % budget compared with the full budget). A {@code *} in the experiment stands for what
 * the {@code *} of the claim's cell pattern matched ({@code byol-*} pairs rela-random-r20, named by
 * {@code rela-random-*}, with byol-r20), or, where the cell was named in full, for the cell's own
 * experiment after its first "-" ({@code increment-*} pairs cut-E4 with increment-E4).
 */
public record ReferenceCell(String experiment, Map<String, String> matrix) {
    public ReferenceCell {
        matrix = Map.copyOf(matrix);
    }

    public static final ReferenceCell BASELINE = new ReferenceCell(null, Map.of());

    /**
     * The reference experiment for a cell of experiment {@code cellExperiment}, given what the
     * claim's cell pattern's {@code *} matched in it (null: named in full) and the plan's baseline.
     */
    public String experimentFor(String cellExperiment, String wildcard, String planBaseline) {
        if (experiment == null) return planBaseline;
        if (!experiment.contains("*")) return experiment;
        if (wildcard != null) return experiment.replace("*", wildcard);
        int dash = cellExperiment.indexOf('-');
        return experiment.replace("*", dash < 0 ? cellExperiment : cellExperiment.substring(dash + 1));
    }
}
