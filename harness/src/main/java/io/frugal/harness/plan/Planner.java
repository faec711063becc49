package io.frugal.harness.plan;

import io.frugal.harness.manifest.Manifest;
import io.frugal.harness.manifest.ManifestException;
import io.frugal.harness.manifest.Manifests;
import io.frugal.harness.manifest.ResolvedManifest;
import io.frugal.harness.manifest.ResolvedRun;
import io.frugal.core.kind.CommonConfig;
import io.frugal.core.kind.TrainerKind;
import io.frugal.core.kind.TrainerKinds;
import io.frugal.core.store.Plan;
import io.frugal.core.store.PlannedRun;
import io.frugal.core.store.RunIds;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Turns a manifest, a profile and overrides into a {@link Plan}: ids, planned cost and inputs of every run. */
public final class Planner {
    private Planner() {}

    /**
     * Plans without writing anything.
     *
     * @param profile a profile of the manifest, or null
     * @param sets    {@code key=value} overrides, applied in order after the profile
     * @throws ManifestException if the manifest, profile or overrides have problems
     */
    public static Plan plan(Path manifestPath, String profile, List<String> sets) {
        return plan(manifestPath, profile, sets, io.frugal.harness.manifest.Manifests.DEFAULT_MAX_RUNS);
    }

    /** As {@link #plan(Path, String, List)}, refusing a grid of more than {@code maxRuns} runs before it is expanded. */
    public static Plan plan(Path manifestPath, String profile, List<String> sets, long maxRuns) {
        ResolvedManifest resolved = Manifests.load(manifestPath, profile, sets, maxRuns);
        Manifest m = resolved.manifest();
        List<PlannedRun> runs = new ArrayList<>();
        Map<String, PlannedRun> byId = new HashMap<>();
        for (ResolvedRun r : resolved.runs()) {
            PlannedRun run = planned(r);
            PlannedRun same = byId.putIfAbsent(run.id(), run);
            // experiment ids are unique and axis values distinct, so two grid points never share a config
            if (same != null) throw new IllegalStateException("runs " + same + " and " + run + " have the same config");
            runs.add(run);
        }
        List<Plan.ExperimentEntry> experiments = m.experiments().stream()
                .map(e -> new Plan.ExperimentEntry(e.id(), e.note())).toList();
        return new Plan(m.name(), m.source(), manifestPath.toString(), resolved.sha256(), resolved.profile(),
                resolved.overrides(), resolved.baseline(), experiments, resolved.datasets(), resolved.seeds(), runs);
    }

    private static PlannedRun planned(ResolvedRun r) {
        TrainerKind kind = TrainerKinds.of(r.config());
        Map<String, String> inputs = new TreeMap<>();
        r.config().path(CommonConfig.INPUTS).fields().forEachRemaining(e -> inputs.put(e.getKey(), e.getValue().asText()));
        return new PlannedRun(RunIds.of(r.config()), r.experiment(), r.dataset(), r.seed(), r.matrix(),
                kind.plannedCost(r.config()), inputs, r.config());
    }
}
