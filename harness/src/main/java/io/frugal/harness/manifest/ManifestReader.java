package io.frugal.harness.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frugal.harness.manifest.Manifest.Axis;
import io.frugal.harness.manifest.Manifest.Experiment;
import io.frugal.harness.manifest.Manifest.Pick;
import io.frugal.harness.manifest.Manifest.Profile;
import io.frugal.core.config.ConfigProblem;
import io.frugal.core.config.ConfigReader;
import io.frugal.core.store.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks the shape of a manifest (docs/manifest.md) and turns it into a {@link Manifest}. What a run
 * config may contain is not checked here: that is {@code RunConfig.check}'s job, on every expanded
 * run, in {@link RunResolver}.
 */
public final class ManifestReader {
    static final Set<String> TOP_KEYS = Set.of("name", "source", "description", "defaults", "datasets", "seeds",
            "baseline", "matrix", "experiments", "profiles");
    private static final Pattern NAME = Pattern.compile("[a-z0-9._-]+");
    static final int MAX_NAME = 100;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern DOTTED_PATH = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");

    private final LocatedDocument doc;
    private final List<ManifestProblem> problems;
    private final List<ConfigProblem> shapeProblems = new ArrayList<>();
    private final ListReader lists;

    private ManifestReader(LocatedDocument doc, List<ManifestProblem> problems) {
        this.doc = doc;
        this.problems = problems;
        this.lists = new ListReader(doc::origin, problems);
    }

    /** The manifest, or null if its root is not an object; every problem is added to {@code problems}. */
    public static Manifest read(LocatedDocument doc, List<ManifestProblem> problems) {
        return new ManifestReader(doc, problems).read();
    }

    /**
     * Why a partial run config may not set {@code key} at its top level (null if it may). These keys
     * are filled in per run from the grid, so a value written elsewhere would be silently ignored.
     */
    static String forbiddenLayerKey(String key) {
        return switch (key) {
            case "experiment" -> "'experiment' is the id of each experiment; it cannot be set";
            case "dataset", "datasets" -> "datasets are listed in the top-level 'datasets' (an experiment or profile may give its own 'datasets' list)";
            case "seed", "seeds" -> "seeds are listed in the top-level 'seeds' (an experiment or profile may give its own 'seeds' list)";
            case "matrix" -> "'matrix' is filled in from the top-level matrix axes; declare axes there";
            default -> null;
        };
    }

    private Manifest read() {
        JsonNode root = doc.root();
        if (!root.isObject()) {
            problems.add(doc.problem("", "a manifest must be an object (a mapping of keys), got " + ConfigReader.describe(root)));
            return null;
        }
        ConfigReader r = ConfigReader.root(root, shapeProblems);
        r.rejectUnknown(TOP_KEYS);
        String name = r.string("name", null, true);
        if (name != null && (!NAME.matcher(name).matches() || name.length() > MAX_NAME || name.chars().allMatch(c -> c == '.'))) {
            r.problem("name", "must match [a-z0-9._-]+, at most " + MAX_NAME + " characters, not only dots (it names the output"
                    + " folder out/NAME), got '" + (name.length() > 80 ? name.substring(0, 80) + "...' (" + name.length() + " characters)" : name + "'"));
        }
        String source = r.string("source", null, false);
        String description = r.string("description", null, false);
        ObjectNode defaults = layer(r.object("defaults", false), Set.of());
        List<Pick<String>> datasets = lists.datasets(root.get("datasets"), "/datasets");
        List<Pick<Long>> seeds = lists.seeds(root.get("seeds"), "/seeds");
        String baselineId = r.string("baseline", null, false);
        List<Axis> matrix = matrix(r.object("matrix", false));
        List<Experiment> experiments = experiments(root.get("experiments"), datasets, seeds);
        Pick<String> baseline = null;
        if (baselineId != null) {
            baseline = new Pick<>(baselineId, doc.origin("/baseline"));
            if (experiments.stream().noneMatch(e -> e.id().equals(baselineId))) {
                r.problem("baseline", "no experiment has the id '" + baselineId + "'");
            }
        }
        Map<String, Profile> profiles = profiles(r.object("profiles", false));
        for (ConfigProblem p : shapeProblems) problems.add(doc.problem(p.pointer(), p.message()));
        return new Manifest(doc, name, source, description, defaults, datasets, seeds, baseline, matrix, experiments, profiles);
    }

    /** A copy of a partial run config without the keys in {@code own}, after checking its top-level keys. */
    private ObjectNode layer(ConfigReader r, Set<String> own) {
        ObjectNode out = Json.object();
        if (r.node() == null) return out;
        Iterator<Map.Entry<String, JsonNode>> fields = r.node().fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            if (own.contains(e.getKey())) continue;
            String why = forbiddenLayerKey(e.getKey());
            if (why != null) r.problem(e.getKey(), why);
            else out.set(e.getKey(), e.getValue());
        }
        return out;
    }

    private List<Axis> matrix(ConfigReader r) {
        List<Axis> out = new ArrayList<>();
        if (r.node() == null) return out;
        r.node().fields().forEachRemaining(e -> {
            String path = e.getKey();
            String pointer = r.at(path);
            if (!DOTTED_PATH.matcher(path).matches()) {
                r.problem(path, "an axis must be a dotted config path such as model.width, got '" + path + "'");
                return;
            }
            String why = forbiddenLayerKey(path.split("\\.")[0]);
            if (why != null) {
                r.problem(path, why);
                return;
            }
            out.add(new Axis(path, lists.axisValues(e.getValue(), pointer)));
        });
        return out;
    }

    private List<Experiment> experiments(JsonNode list, List<Pick<String>> datasets, List<Pick<Long>> seeds) {
        List<Experiment> out = new ArrayList<>();
        if (list == null || !list.isArray() || list.isEmpty()) {
            problems.add(doc.problem("/experiments", "must be a non-empty list of experiments, got "
                    + (list == null ? "nothing" : list.isArray() ? "an empty list" : ConfigReader.describe(list))));
            return out;
        }
        Map<String, String> ids = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            String pointer = JsonPointers.child("/experiments", i);
            JsonNode node = list.get(i);
            if (!node.isObject()) {
                problems.add(doc.problem(pointer, "an experiment must be an object with an 'id', got " + ConfigReader.describe(node)));
                continue;
            }
            ConfigReader r = new ConfigReader(node, pointer, shapeProblems);
            String id = r.string("id", null, true);
            if (id == null) continue;
            if (!ID.matcher(id).matches()) {
                r.problem("id", "must match [A-Za-z0-9._-]+, got '" + id + "'");
                continue;
            }
            String first = ids.putIfAbsent(id, pointer);
            if (first != null) {
                r.problem("id", "duplicate experiment id '" + id + "' (first at line " + doc.locate(first).line() + ")");
                continue;
            }
            String note = r.string("note", null, false);
            List<Pick<String>> ds = node.has("datasets") ? subset(lists.datasets(node.get("datasets"), pointer + "/datasets"), datasets, "datasets") : null;
            List<Pick<Long>> ss = node.has("seeds") ? subset(lists.seeds(node.get("seeds"), pointer + "/seeds"), seeds, "seeds") : null;
            List<Manifest.Need> needs = needs(r.object("needs", false));
            ObjectNode overrides = layer(r, Set.of("id", "note", "datasets", "seeds", "needs"));
            out.add(new Experiment(id, note, pointer, overrides, ds, ss, needs));
        }
        return out;
    }

    /**
     * An experiment's {@code needs}: role → experiment id, or role → {experiment, dataset, seed}.
     * Whether the experiments exist, have matching runs and form no cycle is checked when the grid
     * is expanded ({@link RunResolver}).
     */
    private List<Manifest.Need> needs(ConfigReader n) {
        List<Manifest.Need> out = new ArrayList<>();
        if (n.node() == null) return out;
        n.node().fields().forEachRemaining(e -> {
            String role = e.getKey();
            String at = n.at(role);
            JsonNode v = e.getValue();
            if (v.isTextual()) {
                out.add(new Manifest.Need(role, v.textValue(), null, null, at));
            } else if (v.isObject()) {
                ConfigReader o = n.object(role, true);
                o.rejectUnknown(Set.of("experiment", "dataset", "seed"));
                String experiment = o.string("experiment", null, true);
                String dataset = o.string("dataset", null, false);
                Long seed = o.has("seed") ? o.integer("seed", 0, false, 0, Long.MAX_VALUE) : null;
                if (experiment != null) out.add(new Manifest.Need(role, experiment, dataset, seed, at));
            } else {
                n.problem(role, "must name an experiment, or be {experiment, dataset, seed}, got " + ConfigReader.describe(v));
            }
        });
        return out;
    }

    /** An experiment restricts the grid: its lists may only name what the manifest lists. */
    private <T> List<Pick<T>> subset(List<Pick<T>> picks, List<Pick<T>> all, String what) {
        List<Pick<T>> out = new ArrayList<>();
        for (Pick<T> p : picks) {
            if (all.stream().anyMatch(a -> a.value().equals(p.value()))) out.add(p);
            else problems.add(p.origin().problem("", p.value() + " is not among the manifest's " + what));
        }
        return out;
    }

    private Map<String, Profile> profiles(ConfigReader r) {
        Map<String, Profile> out = new LinkedHashMap<>();
        if (r.node() == null) return out;
        r.node().fields().forEachRemaining(e -> {
            String name = e.getKey();
            String pointer = r.at(name);
            if (!ID.matcher(name).matches()) {
                r.problem(name, "a profile name must match [A-Za-z0-9._-]+, got '" + name + "'");
                return;
            }
            ConfigReader p = r.object(name, true);
            if (p.node() == null) return;
            JsonNode node = p.node();
            List<Pick<String>> ds = node.has("datasets") ? lists.datasets(node.get("datasets"), pointer + "/datasets") : null;
            List<Pick<Long>> ss = node.has("seeds") ? lists.seeds(node.get("seeds"), pointer + "/seeds") : null;
            out.put(name, new Profile(name, pointer, layer(p, Set.of("datasets", "seeds")), ds, ss));
        });
        return out;
    }
}
