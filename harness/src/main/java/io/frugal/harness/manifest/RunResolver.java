package io.frugal.harness.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.frugal.harness.manifest.Manifest.Axis;
import io.frugal.harness.manifest.Manifest.Experiment;
import io.frugal.harness.manifest.Manifest.Pick;
import io.frugal.harness.manifest.Manifest.Profile;
import io.frugal.core.config.ConfigProblem;
import io.frugal.core.kind.CommonConfig;
import io.frugal.core.store.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Expands a manifest into its grid, experiments × datasets × matrix points × seeds, resolving each
 * run's config as defaults ⊕ experiment ⊕ profile ⊕ --set ⊕ matrix values and checking it with
 * {@link CommonConfig#check}; each problem is reported where the offending value was written.
 */
final class RunResolver {
    private final Manifest manifest;
    private final List<ManifestProblem> problems;
    private final Profile profile;
    private final List<SetOverride> sets;
    private final List<Layer> layersAfterExperiment = new ArrayList<>();
    /** The most runs a plan may have unless the user raises it (--max-runs): counted before anything is expanded. */
    public static final long DEFAULT_MAX_RUNS = 1_000_000;
    private long maxRuns = DEFAULT_MAX_RUNS;
    private int groups;

    private RunResolver(Manifest manifest, Profile profile, List<SetOverride> sets, List<ManifestProblem> problems) {
        this.manifest = manifest;
        this.profile = profile;
        this.sets = sets;
        this.problems = problems;
        if (profile != null) layersAfterExperiment.add(Layer.ofDocument(manifest.document(), profile.pointer(), profile.overrides()));
        for (SetOverride s : sets) if (!s.isList()) layersAfterExperiment.add(new Layer(s.asTree(), s::origin));
    }

    /** The runs of the grid in plan order, plus the lists used; problems go to {@code problems}. */
    static ResolvedManifest resolve(Manifest manifest, String sha256, String profileName, List<SetOverride> sets,
                                    List<ManifestProblem> problems, long maxRuns) {
        Profile profile = null;
        if (profileName != null) {
            profile = manifest.profiles().get(profileName);
            if (profile == null) {
                problems.add(new ManifestProblem(new SourceLocation(SourceLocation.PROFILE_OPTION, 1, 1), "/profiles",
                        "unknown profile '" + profileName + "' " + (manifest.profiles().isEmpty() ? "(this manifest has no profiles)"
                                : "(known: " + String.join(", ", manifest.profiles().keySet()) + ")")));
            }
        }
        RunResolver resolver = new RunResolver(manifest, profile, sets, problems);
        resolver.maxRuns = maxRuns;
        return resolver.resolve(sha256, profileName);
    }

    private ResolvedManifest resolve(String sha256, String profileName) {
        List<Pick<String>> datasets = effective(manifest.datasets(), profile == null ? null : profile.datasets(), "datasets",
                (reader, s) -> reader.datasets(s.value().root(), s.pointer()));
        List<Pick<Long>> seeds = effective(manifest.seeds(), profile == null ? null : profile.seeds(), "seeds",
                (reader, s) -> reader.seeds(s.value().root(), s.pointer()));
        checkAxesAreNotOverridden();
        long count = countRuns(datasets, seeds);
        if (count > maxRuns) {
            // counted, not expanded: a grid of 10^12 runs must be refused in milliseconds, not by an exhausted heap
            problems.add(manifest.document().problem("", "expands to " + (count == Long.MAX_VALUE ? "more than 9.2e18" : count)
                    + " runs, more than the limit of " + maxRuns + "; shrink the grid, or raise the limit with --max-runs N"));
            return new ResolvedManifest(manifest, sha256, profileName, sets.stream().map(SetOverride::text).toList(), null,
                    datasets.stream().map(Pick::value).toList(), seeds.stream().map(Pick::value).toList(), List.of());
        }
        List<ObjectNode> points = matrixPoints();
        List<ResolvedRun> runs = new ArrayList<>();
        List<String> fullSchedule = new ArrayList<>();
        for (Experiment e : manifest.experiments()) {
            List<Pick<String>> ds = restrict(e, datasets, e.datasets(), "datasets");
            List<Pick<Long>> ss = restrict(e, seeds, e.seeds(), "seeds");
            int first = runs.size();
            ExperimentTemplate template = new ExperimentTemplate(e);
            for (Pick<String> d : ds) for (ObjectNode point : points) {
                int group = groups++;
                boolean checkedOrdinary = false;
                for (Pick<Long> s : ss) {
                    // one check per group: its runs differ only in the seed (TrainerKind#check), unless a seed is out of the ordinary
                    boolean ordinary = CommonConfig.ordinarySeed(s.value());
                    runs.add(run(template, d, point, s, group, !ordinary || !checkedOrdinary));
                    if (ordinary) checkedOrdinary = true;
                }
            }
            if (runs.size() > first && "full".equals(runs.get(first).config().path("schedule").path("type").asText())) {
                fullSchedule.add(e.id());
            }
        }
        new NeedsResolver(manifest, problems).resolve(runs);
        String baseline = manifest.baseline() != null ? manifest.baseline().value()
                : fullSchedule.size() == 1 ? fullSchedule.get(0) : null;
        return new ResolvedManifest(manifest, sha256, profileName, sets.stream().map(SetOverride::text).toList(), baseline,
                datasets.stream().map(Pick::value).toList(), seeds.stream().map(Pick::value).toList(), runs);
    }

    /** The number of runs the grid expands to, saturating at Long.MAX_VALUE. */
    private long countRuns(List<Pick<String>> datasets, List<Pick<Long>> seeds) {
        long points = 1;
        for (Axis axis : manifest.matrix()) if (!axis.values().isEmpty()) points = times(points, axis.values().size());
        long count = 0;
        for (Experiment e : manifest.experiments()) {
            long ds = e.datasets() == null ? datasets.size() : datasets.stream().filter(a -> e.datasets().stream().anyMatch(o -> o.value().equals(a.value()))).count();
            long ss = e.seeds() == null ? seeds.size() : seeds.stream().filter(a -> e.seeds().stream().anyMatch(o -> o.value().equals(a.value()))).count();
            count = Math.min(Long.MAX_VALUE - 1, count + times(times(ds, points), ss));
        }
        return count;
    }

    private static long times(long a, long b) {
        long hi = Math.multiplyHigh(a, b);
        return hi != 0 || a * b < 0 ? Long.MAX_VALUE : a * b;
    }

    private interface ListOverride<T> {
        List<Pick<T>> read(ListReader reader, SetOverride set);
    }

    /** The manifest's list, replaced by the profile's, replaced by the last --set of it. */
    private <T> List<Pick<T>> effective(List<Pick<T>> fromManifest, List<Pick<T>> fromProfile, String key, ListOverride<T> fromSet) {
        List<Pick<T>> out = fromProfile != null ? fromProfile : fromManifest;
        for (SetOverride s : sets) {
            if (s.path().equals(key)) out = fromSet.read(new ListReader(s::origin, problems), s);
        }
        return out;
    }

    /** An experiment's own list keeps only the values the plan has; an experiment left with none is an error. */
    private <T> List<Pick<T>> restrict(Experiment e, List<Pick<T>> all, List<Pick<T>> own, String what) {
        if (own == null) return all;
        List<Pick<T>> out = all.stream().filter(a -> own.stream().anyMatch(o -> o.value().equals(a.value()))).toList();
        if (out.isEmpty() && !all.isEmpty() && !own.isEmpty()) {
            problems.add(manifest.document().problem(e.pointer() + "/" + what, "experiment '" + e.id() + "' has no runs: none of its "
                    + what + " " + own.stream().map(p -> String.valueOf(p.value())).toList() + " is among the " + what
                    + " planned " + all.stream().map(p -> String.valueOf(p.value())).toList()));
        }
        return out;
    }

    /** Every combination of axis values, the first axis varying slowest; one empty point without axes. */
    private List<ObjectNode> matrixPoints() {
        List<ObjectNode> points = new ArrayList<>();
        points.add(Json.object());
        for (Axis axis : manifest.matrix()) {
            // an axis without usable values was reported; skipping it keeps the other problems visible
            if (axis.values().isEmpty()) continue;
            List<ObjectNode> next = new ArrayList<>();
            for (ObjectNode p : points) for (Pick<JsonNode> v : axis.values()) {
                ObjectNode q = p.deepCopy();
                q.set(axis.path(), v.value());
                next.add(q);
            }
            points = next;
        }
        return points;
    }

    /** A value set elsewhere at an axis path would be overwritten by the axis: say so instead. */
    private void checkAxesAreNotOverridden() {
        List<Layer> layers = new ArrayList<>();
        layers.add(Layer.ofDocument(manifest.document(), "/defaults", manifest.defaults()));
        for (Experiment e : manifest.experiments()) layers.add(Layer.ofDocument(manifest.document(), e.pointer(), e.overrides()));
        layers.addAll(layersAfterExperiment);
        for (Axis axis : manifest.matrix()) {
            String pointer = JsonPointers.ofDottedPath(axis.path());
            for (Layer layer : layers) {
                if (layer.sets(pointer)) {
                    problems.add(layer.origins().apply(pointer).problem("", "is a matrix axis (/matrix/" + axis.path()
                            + "); its values come from there"));
                }
            }
        }
    }

    /**
     * What every run of an experiment shares, merged once: defaults ⊕ experiment ⊕ profile ⊕ --set
     * around the grid's experiment, dataset and seed (whose values each run puts in place, unless a
     * layer sets them itself, which then wins as it always did).
     */
    private final class ExperimentTemplate {
        final Experiment experiment;
        final TrackedConfig config;
        final boolean datasetSet;
        final boolean seedSet;

        ExperimentTemplate(Experiment e) {
            experiment = e;
            LocatedDocument doc = manifest.document();
            config = new TrackedConfig(doc.origin(e.pointer()));
            // the same keys in the same order as each run's, so that config.json's bytes do not change
            config.put("experiment", TextNode.valueOf(e.id()), doc.origin(e.pointer() + "/id"));
            config.put("dataset", TextNode.valueOf(""), doc.origin(e.pointer()));
            config.put("seed", LongNode.valueOf(0), doc.origin(e.pointer()));
            List<Layer> layers = new ArrayList<>();
            layers.add(Layer.ofDocument(doc, "/defaults", manifest.defaults()));
            layers.add(Layer.ofDocument(doc, e.pointer(), e.overrides()));
            layers.addAll(layersAfterExperiment);
            for (Layer layer : layers) config.apply(layer);
            datasetSet = layers.stream().anyMatch(l -> l.tree().has("dataset"));
            seedSet = layers.stream().anyMatch(l -> l.tree().has("seed"));
        }
    }

    private ResolvedRun run(ExperimentTemplate t, Pick<String> dataset, ObjectNode point, Pick<Long> seed, int group, boolean check) {
        LocatedDocument doc = manifest.document();
        Experiment e = t.experiment;
        TrackedConfig c = t.config.derive(check);
        if (!t.datasetSet) c.put("dataset", TextNode.valueOf(dataset.value()), dataset.origin());
        if (!t.seedSet) c.put("seed", LongNode.valueOf(seed.value()), seed.origin());
        if (!manifest.matrix().isEmpty()) {
            ObjectNode matrixField = Json.object();
            for (Axis axis : manifest.matrix()) {
                JsonNode value = point.get(axis.path());
                if (value == null) continue;
                Origin origin = originOf(axis, value);
                c.apply(Layer.ofPath(axis.path(), value, origin));
                matrixField.set(axis.path(), value);
            }
            c.put("matrix", matrixField, doc.origin("/matrix"));
        }
        if (!c.config().has(CommonConfig.THREADS)) {
            // written out, so that the count is part of the run id whoever plans it and wherever it trains
            c.put(CommonConfig.THREADS, com.fasterxml.jackson.databind.node.IntNode.valueOf(CommonConfig.defaultThreads(c.config())),
                    doc.origin(e.pointer()));
        }
        if (check) for (ConfigProblem p : CommonConfig.check(c.config())) problems.add(c.locate(p));
        return new ResolvedRun(e.id(), dataset.value(), seed.value(), point, c.config(), group);
    }

    private static Origin originOf(Axis axis, JsonNode value) {
        return axis.values().stream().filter(v -> v.value().equals(value)).findFirst().orElseThrow().origin();
    }
}
