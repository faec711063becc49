package io.frugal.analysis.store;

/** The final numbers of a done run, from its result.json. Top-1 values are fractions in [0, 1]. */
public record RunResult(String runId, long epochs, double finalTop1, double bestTop1, long bestEpoch,
        long evaluations, long plannedEvaluations, double trainSeconds, double evalSeconds,
        double wallSeconds, long resumes, String finishedAt) {}
