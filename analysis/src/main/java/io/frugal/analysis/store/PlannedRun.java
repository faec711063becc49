package io.frugal.analysis.store;

import java.util.Map;

/**
 * One run as the plan describes it (an entry of plan.json's {@code runs}). The matrix maps each
 * declared axis to its value as text, in axis-name order, so cells compare by value.
 */
public record PlannedRun(String id, String experiment, String dataset, long seed, Map<String, String> matrix,
        long epochs, long trainSize, long plannedEvaluations, long baselineEvaluations, double evaluationRatio) {
    public PlannedRun {
        matrix = Map.copyOf(matrix);
    }
}
