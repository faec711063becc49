package io.frugal.reproducibility.claims;

/** What a claim says, and so how it is judged. */
public enum ClaimKind {
    /** A cell's quantity equals the paper's value (within the tolerance). */
    VALUE,
    /** A cell's quantity minus its reference cell's (the baseline) equals the paper's difference. */
    DIFFERENCE,
    /** A cell's quantity (or its spread) is greater / less than its reference cell's by more than the tolerance. */
    ORDERING,
    /** A cell's quantity over its reference cell's equals another ratio (e.g. evaluations) within a relative tolerance. */
    RATIO,
    /** A quantity changes (or does not) along a matrix axis: the slope of a line fitted over the axis. */
    TREND;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
