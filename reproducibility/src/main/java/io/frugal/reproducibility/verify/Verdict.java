package io.frugal.reproducibility.verify;

/** What a reproduction says about a claim (or about one cell of it). */
public enum Verdict {
    REPRODUCED("reproduced"),
    NOT_REPRODUCED("not reproduced"),
    INCONCLUSIVE("inconclusive"),
    /** The run store has none of the cells the claim applies to. */
    NOT_COVERED("not covered");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** A claim's verdict from its cells': any cell not reproduced fails it; all reproduced pass it; else inconclusive. */
    static Verdict combine(java.util.List<Verdict> cells) {
        if (cells.isEmpty()) return NOT_COVERED;
        if (cells.contains(NOT_REPRODUCED)) return NOT_REPRODUCED;
        if (cells.stream().allMatch(v -> v == REPRODUCED)) return REPRODUCED;
        return INCONCLUSIVE;
    }
}
