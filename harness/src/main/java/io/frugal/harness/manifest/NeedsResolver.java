package io.frugal.harness.manifest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frugal.core.kind.CommonConfig;
import io.frugal.core.kind.TrainerKind;
import io.frugal.core.kind.TrainerKinds;
import io.frugal.core.store.Json;
import io.frugal.core.store.RunIds;
import io.frugal.harness.manifest.Manifest.Experiment;
import io.frugal.harness.manifest.Manifest.Need;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the experiments' {@code needs} into each run's {@code inputs} (role → run id of the run it
 * needs). Upstream runs are resolved first, so an upstream's own inputs are part of its id, and
 * through it of every id downstream: a changed upstream config changes the downstream ids too.
 * Unknown experiments, roles the run's kind does not take, an upstream of the wrong kind, a needed
 * run the grid does not have, and cycles are problems located at the {@code needs} entry.
 */
final class NeedsResolver {
    private final Manifest manifest;
    private final List<ManifestProblem> problems;

    NeedsResolver(Manifest manifest, List<ManifestProblem> problems) {
        this.manifest = manifest;
        this.problems = problems;
    }

    void resolve(List<ResolvedRun> runs) {
        Map<String, Experiment> byId = new LinkedHashMap<>();
        for (Experiment e : manifest.experiments()) byId.put(e.id(), e);
        boolean any = false;
        for (Experiment e : manifest.experiments()) {
            for (Need n : e.needs()) {
                any = true;
                if (!byId.containsKey(n.experiment())) {
                    problem(n, "unknown experiment '" + n.experiment() + "' (known: " + String.join(", ", byId.keySet()) + ")");
                }
            }
        }
        if (!any) return;
        List<Experiment> order = topologicalOrder(byId);
        if (order == null) return;
        Map<String, ResolvedRun> index = new HashMap<>();
        for (ResolvedRun r : runs) index.put(key(r.experiment(), r.dataset(), r.seed(), r.matrix()), r);
        Map<String, List<ResolvedRun>> byExperiment = new HashMap<>();
        for (ResolvedRun r : runs) byExperiment.computeIfAbsent(r.experiment(), k -> new ArrayList<>()).add(r);
        for (Experiment e : order) {
            if (e.needs().isEmpty()) continue;
            for (ResolvedRun run : byExperiment.getOrDefault(e.id(), List.of())) {
                TrainerKind kind = kindOf(run);
                if (kind == null) continue; // its config problems are reported already
                ObjectNode inputs = Json.object();
                for (Need n : e.needs()) {
                    if (!byId.containsKey(n.experiment())) continue; // reported above
                    String required = kind.inputs().get(n.role());
                    if (required == null) {
                        problem(n, "trainer '" + kind.name() + "' takes no input '" + n.role() + "'"
                                + (kind.inputs().isEmpty() ? " (it needs no other runs)" : " (it takes: " + String.join(", ", kind.inputs().keySet()) + ")"));
                        continue;
                    }
                    String dataset = n.dataset() != null ? n.dataset() : run.dataset();
                    long seed = n.seed() != null ? n.seed() : run.seed();
                    ResolvedRun upstream = index.get(key(n.experiment(), dataset, seed, run.matrix()));
                    if (upstream == null) {
                        problem(n, "experiment '" + n.experiment() + "' has no run for dataset " + dataset + ", seed " + seed
                                + (run.matrix().isEmpty() ? "" : " and matrix " + Json.compact(run.matrix()))
                                + " (needed by a run of '" + e.id() + "'; give dataset or seed to name another run)");
                        continue;
                    }
                    TrainerKind upstreamKind = kindOf(upstream);
                    if (upstreamKind != null && !upstreamKind.name().equals(required)) {
                        problem(n, "'" + n.role() + "' must be a " + required + " run, but experiment '" + n.experiment()
                                + "' trains with '" + upstreamKind.name() + "'");
                        continue;
                    }
                    inputs.put(n.role(), RunIds.of(upstream.config()));
                }
                if (!inputs.isEmpty()) run.config().set(CommonConfig.INPUTS, inputs);
            }
        }
    }

    private static TrainerKind kindOf(ResolvedRun run) {
        try {
            return TrainerKinds.of(run.config());
        } catch (RuntimeException unknown) {
            return null;
        }
    }

    /** Experiments with everything they need before them; null (after reporting it) on a cycle. */
    private List<Experiment> topologicalOrder(Map<String, Experiment> byId) {
        List<Experiment> order = new ArrayList<>();
        Map<String, Integer> state = new HashMap<>(); // 1: on the current path, 2: placed
        for (Experiment e : byId.values()) {
            if (!visit(e, byId, state, order, new ArrayList<>())) return null;
        }
        return order;
    }

    private boolean visit(Experiment e, Map<String, Experiment> byId, Map<String, Integer> state, List<Experiment> order,
                          List<String> path) {
        Integer s = state.get(e.id());
        if (s != null && s == 2) return true;
        path.add(e.id());
        if (s != null && s == 1) {
            Need closing = e.needs().stream().filter(n -> path.contains(n.experiment())).findFirst().orElse(e.needs().get(0));
            problem(closing, "the needs form a cycle: " + String.join(" -> ", path));
            return false;
        }
        state.put(e.id(), 1);
        for (Need n : e.needs()) {
            Experiment up = byId.get(n.experiment());
            if (up != null && !visit(up, byId, state, order, path)) return false;
        }
        path.remove(path.size() - 1);
        state.put(e.id(), 2);
        order.add(e);
        return true;
    }

    private void problem(Need n, String message) {
        problems.add(manifest.document().problem(n.pointer(), message));
    }

    private static String key(String experiment, String dataset, long seed, ObjectNode matrix) {
        return experiment + "\u0000" + dataset + "\u0000" + seed + "\u0000" + Json.canonical(matrix);
    }
}
