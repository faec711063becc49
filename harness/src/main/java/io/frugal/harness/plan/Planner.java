package io.frugal.harness.plan;

import io.frugal.harness.manifest.Manifest;
import io.frugal.harness.manifest.ManifestException;
import io.frugal.harness.manifest.Manifests;
import io.frugal.harness.manifest.ResolvedManifest;
import io.frugal.harness.manifest.ResolvedRun;
import io.frugal.core.kind.CommonConfig;
import io.frugal.core.kind.TrainerKinds;
import io.frugal.core.store.Plan;
import io.frugal.core.store.PlannedRun;
import io.frugal.core.store.RunIds;
import java.nio.file.Path;
import io.frugal.core.kind.PlannedCost;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

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
        List<ResolvedRun> resolvedRuns = resolved.runs();
        // the kind plans each group once (TrainerKind#plannedCost); ids are hashed from many threads
        Map<Integer, PlannedCost> costs = new ConcurrentHashMap<>();
        PlannedRun[] planned = new PlannedRun[resolvedRuns.size()];
        ThreadLocal<Map<JsonNode, String>> shared = ThreadLocal.withInitial(IdentityHashMap::new);
        IntStream.range(0, planned.length).parallel().forEach(i -> planned[i] = planned(resolvedRuns.get(i), costs, shared.get()));
        List<PlannedRun> runs = Arrays.asList(planned);
        Set<String> ids = new HashSet<>(2 * planned.length);
        for (PlannedRun run : runs) {
            // experiment ids are unique and axis values distinct, so two grid points never share a config
            if (!ids.add(run.id())) throw new IllegalStateException("run " + run + " has the same config as another run");
        }
        List<Plan.ExperimentEntry> experiments = m.experiments().stream()
                .map(e -> new Plan.ExperimentEntry(e.id(), e.note())).toList();
        return new Plan(m.name(), m.source(), manifestPath.toString(), resolved.sha256(), resolved.profile(),
                resolved.overrides(), resolved.baseline(), experiments, resolved.datasets(), resolved.seeds(), runs);
    }

    private static PlannedRun planned(ResolvedRun r, Map<Integer, PlannedCost> costs, Map<JsonNode, String> shared) {
        Map<String, String> inputs = new TreeMap<>();
        r.config().path(CommonConfig.INPUTS).fields().forEachRemaining(e -> inputs.put(e.getKey(), e.getValue().asText()));
        PlannedCost cost = CommonConfig.ordinarySeed(r.seed())
                ? costs.computeIfAbsent(r.group(), g -> TrainerKinds.of(r.config()).plannedCost(r.config()))
                : TrainerKinds.of(r.config()).plannedCost(r.config());
        return new PlannedRun(RunIds.of(r.config(), shared), r.experiment(), r.dataset(), r.seed(), r.matrix(), cost, inputs, r.config());
    }
}
