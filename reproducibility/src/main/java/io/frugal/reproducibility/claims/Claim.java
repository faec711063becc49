package io.frugal.reproducibility.claims;

/**
 * One claim of a paper, as data: what it says, the quantity it is about (a result metric such as
 * {@code final_top1}, or {@code train_seconds}, {@code evaluations}, {@code evaluation_ratio},
 * {@code energy_kwh}, {@code co2_kg}), the paper's value, the unit, the tolerance fixed before any
 * run was looked at, where the number comes from, and the cells it applies to.
 *
 * @param tolerance  VALUE/DIFFERENCE: the equivalence margin ±ε in the quantity's unit; ORDERING: the
 *                   least difference that counts; RATIO: the relative margin (0.15 = ±15 %); TREND:
 *                   the least slope per unit of the axis that counts as a trend
 * @param reference  DIFFERENCE/ORDERING/RATIO: the cell compared with; null otherwise
 * @param direction  ORDERING: "greater" or "less"; TREND: "any", "increasing", "decreasing" or "none"
 * @param statistic  ORDERING: "mean" or "sd" (the spread across seeds)
 * @param equals     RATIO: the quantity the ratio must equal ("evaluation_ratio"), or null with paper.mean
 * @param axis       TREND: the matrix axis; {@code logAxis} fits against log10 of its values
 */
public record Claim(String id, ClaimKind kind, String statement, String quantity, PaperValue paper, String unit,
        double tolerance, ClaimSource source, String where, CellSelector cells, ReferenceCell reference, String direction,
        String statistic, String equals, String axis, boolean logAxis, String scale) {}
