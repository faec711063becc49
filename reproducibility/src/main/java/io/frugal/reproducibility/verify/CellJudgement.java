package io.frugal.reproducibility.verify;

/**
 * The verdict on one cell (or, for a trend, one line of cells along the axis) of a claim.
 *
 * @param cell        the cell, as "dataset / experiment [matrix]"
 * @param reference   the cell compared with, or null
 * @param n           runs of the cell (done) and {@code nReference} of the reference cell
 * @param interval    the estimate and its 90 % interval, in the claim's terms (see {@code shown})
 * @param lo          the lower edge of the region that counts as reproduced (−∞ when open)
 * @param hi          the upper edge
 * @param method      how it was judged, in words (TOST, ε rule, F interval, ...)
 * @param seedsNeeded for an inconclusive cell, the seeds per cell a power estimate says would settle
 *                    it (NaN when it cannot say, +∞ when no number would)
 * @param note        why a cell could not be judged, or null
 */
public record CellJudgement(String cell, String reference, int n, int nReference, Interval interval, double lo, double hi,
        String method, Verdict verdict, double seedsNeeded, String note) {}
