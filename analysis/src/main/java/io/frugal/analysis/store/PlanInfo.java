package io.frugal.analysis.store;

import java.util.List;

/**
 * What a report says about where its runs came from: plan.json's header, plus its runs in plan
 * order. {@code baseline} is null when the manifest names none.
 */
public record PlanInfo(String name, String source, String manifest, String manifestSha256, String profile,
        List<String> overrides, String baseline, List<String> experiments, List<String> datasets,
        List<PlannedRun> runs) {
    public PlanInfo {
        overrides = List.copyOf(overrides);
        experiments = List.copyOf(experiments);
        datasets = List.copyOf(datasets);
        runs = List.copyOf(runs);
    }
}
