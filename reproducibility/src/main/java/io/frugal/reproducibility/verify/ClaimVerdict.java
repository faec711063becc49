package io.frugal.reproducibility.verify;

import io.frugal.reproducibility.claims.Claim;
import java.util.List;

/** A claim's verdict and the cells it rests on; {@code note} says why it is not covered, or null. */
public record ClaimVerdict(String paper, Claim claim, Verdict verdict, List<CellJudgement> cells, String note) {
    public ClaimVerdict {
        cells = List.copyOf(cells);
    }

    /** The most seeds per cell any inconclusive cell of the claim asks for (NaN if none can say). */
    public double seedsNeeded() {
        return cells.stream().filter(c -> c.verdict() == Verdict.INCONCLUSIVE).mapToDouble(CellJudgement::seedsNeeded)
                .filter(d -> !Double.isNaN(d)).max().orElse(Double.NaN);
    }
}
