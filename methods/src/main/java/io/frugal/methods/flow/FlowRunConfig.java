package io.frugal.methods.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frugal.core.config.ConfigException;
import io.frugal.core.config.ConfigProblem;
import io.frugal.core.config.ConfigReader;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A flow run's config as the {@code flow} kind reads it: the library's {@link FlowSettings} keys
 * (the dimension may also come from the dataset name {@code gaussian-mixture-dN}, so that a
 * manifest profile can choose the dimensions it sweeps by choosing datasets), plus
 * <ul>
 *   <li>{@code field}: {@code learned} (train the T networks, then sample with them) or
 *       {@code exact} (no training: sample with the mixture's Bayes denoiser on the run's own grid,
 *       to tell the schedule's effect from the learning's; the training keys are then unused);</li>
 *   <li>{@code phase_window: {share}}: a phase-aware grid whose window is the U-turn switch
 *       interval measured by the run this one needs as {@code uturn} (same T, so the same budget).</li>
 * </ul>
 */
record FlowRunConfig(FlowSettings settings, boolean exact, Double phaseShare) {
    static final String DATASET = "gaussian-mixture";
    /** Dimensions a dataset name may fix; the sweep of the paper and smaller ones for CPUs. */
    static final List<Integer> NAMED_DIMENSIONS = List.of(10, 30, 100, 300, 1000, 3000, 5000, 10000, 20000);
    private static final Pattern NAMED = Pattern.compile(DATASET + "-d([0-9]+)");
    static final String UTURN_ROLE = "uturn";

    static final Set<String> KEYS;

    static {
        Set<String> k = new LinkedHashSet<>(FlowSettings.KEYS);
        k.remove("seed"); // a common key
        k.add("field");
        k.add("phase_window");
        KEYS = java.util.Collections.unmodifiableSet(k);
    }

    static Set<String> datasets() {
        Set<String> out = new LinkedHashSet<>(); // by dimension, as error messages list them
        out.add(DATASET);
        for (int d : NAMED_DIMENSIONS) out.add(DATASET + "-d" + d);
        return out;
    }

    /** The dimension a dataset name fixes, or null for the plain {@code gaussian-mixture}. */
    static Integer namedDimension(String dataset) {
        if (dataset == null) return null;
        Matcher m = NAMED.matcher(dataset);
        return m.matches() ? Integer.valueOf(m.group(1)) : null;
    }

    /** Reports every problem of the kind's keys at its pointer (the common keys are checked already). */
    static void check(ConfigReader r) {
        try {
            parse(r.node());
        } catch (ConfigException e) {
            r.problems().addAll(e.problems());
        }
    }

    /** Parses a whole run config; every problem at once, as a {@link ConfigException}. */
    static FlowRunConfig parse(JsonNode config) {
        List<ConfigProblem> problems = new ArrayList<>();
        ConfigReader r = ConfigReader.root(config, problems);
        String field = r.choice("field", "learned", false, Set.of("learned", "exact"));
        boolean exact = "exact".equals(field);
        ObjectNode prepared = ((ObjectNode) config).deepCopy();
        Integer named = namedDimension(config.path("dataset").asText(null));
        if (named != null) {
            JsonNode given = config.get("dimension");
            if (given != null && !(given.isNumber() && given.asDouble() == named)) {
                r.problem("dimension", "dataset " + config.path("dataset").asText() + " fixes d = " + named + ", got " + given
                        + " (leave dimension out, or use dataset " + DATASET + ")");
            }
            prepared.put("dimension", named);
        } else if (!config.has("dimension")) {
            r.problem("dimension", "is required with dataset " + DATASET + " (or name the dimension in the dataset: " + DATASET + "-d1000)");
            prepared.put("dimension", 1);
        }
        // an exact-field run trains nothing: its steps are not needed
        if (exact && !prepared.has("steps")) prepared.put("steps", 0);
        Double share = null;
        ConfigReader pw = r.object("phase_window", false);
        if (pw.node() != null) {
            pw.rejectUnknown(Set.of("share"));
            share = pw.number("share", 0.5, true, 0, true, 1);
            if (share >= 1) {
                pw.problem("share", "must be below 1 (the rest of the grid needs points), got " + share);
            }
            if (config.has("grid_window")) r.problem("phase_window", "give either grid_window (a fixed window) or phase_window (the U-turn's), not both");
        }
        FlowSettings settings = null;
        try {
            settings = FlowSettings.parse(prepared, "");
        } catch (ConfigException e) {
            problems.addAll(e.problems());
        }
        if (settings != null && !exact && settings.steps() < 1) r.problem("steps", "must be positive for a learned field, got " + settings.steps());
        if (!problems.isEmpty()) throw new ConfigException(problems);
        return new FlowRunConfig(settings, exact, share);
    }

    /** The same run with a phase-aware grid over [from, to] (the measured U-turn window). */
    FlowRunConfig withWindow(double from, double to) {
        FlowSettings s = settings;
        ObjectNode w = io.frugal.core.store.Json.object().put("from", from).put("to", to).put("share", phaseShare);
        FlowSettings windowed = new FlowSettings(s.dimension(), s.points(), s.gridSize(), s.p(), s.sigma(), s.kappa(), s.schedule(), w,
                s.steps(), s.lr(), s.weightDecay(), s.seed(), s.samples(), s.exactEulerSteps(), s.checkpointEvery(), s.evalEvery(), s.uturnSamples());
        return new FlowRunConfig(windowed, exact, phaseShare);
    }

    /** Field evaluations the run is planned to make: training's steps × n × T, or an exact run's samples × T. */
    long plannedCost() {
        return exact ? (long) settings.samples() * settings.gridSize() : settings.plannedSamples();
    }
}
