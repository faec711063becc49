package io.frugal.methods.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frugal.core.config.ConfigException;
import io.frugal.core.config.ConfigProblem;
import io.frugal.core.store.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything one flow-model run depends on, as plain values. A run's numbers are a function of
 * these and nothing else (the seed included).
 *
 * @param dimension       d
 * @param points          n, the fixed training set's size
 * @param gridSize        T, the number of networks (grid times)
 * @param p               weight of the +μ mode
 * @param sigma           within-mode standard deviation
 * @param kappa           the dilation's κ (used by the dilated schedule and the phase-1 theory)
 * @param schedule        the schedule's config object ({type: uniform | dilated | piecewise ...})
 * @param window          optional phase-aware grid: {from, to, share} (share of the T points in [from, to]); null for an even grid
 * @param steps           optimiser steps (full batch)
 * @param lr              Adam's learning rate
 * @param weightDecay     torch.optim.Adam weight_decay (an L2 term) on u and w
 * @param seed            the run's seed: data, initialisation, noise, sampling
 * @param samples         samples generated for the observables
 * @param exactEulerSteps Euler steps of the exact-field reference sampler (0: skip it)
 * @param checkpointEvery steps between checkpoints (a stop request also writes one)
 * @param evalEvery       steps between metric callbacks
 * @param uturnSamples    samples per U-turn start time (0: no U-turn curve)
 */
public record FlowSettings(int dimension, int points, int gridSize, double p, double sigma, double kappa, ObjectNode schedule,
                           ObjectNode window, int steps, double lr, double weightDecay, long seed, int samples, int exactEulerSteps,
                           int checkpointEvery, int evalEvery, int uturnSamples) {

    /** The config keys a flow run reads, for the harness's unknown-key check. */
    public static final List<String> KEYS = List.of("dimension", "points", "grid_size", "p", "sigma", "kappa", "schedule", "grid_window",
            "steps", "lr", "weight_decay", "seed", "samples", "exact_euler_steps", "checkpoint_every", "eval_every", "uturn_samples");

    /** The paper's values at d = 5000 (the authors' lr 1e-4 is ignored by their code; 0.01 is what runs). */
    public static FlowSettings paper(int dimension, String scheduleType, long seed) {
        ObjectNode s = Json.object().put("type", scheduleType);
        if (scheduleType.equals("dilated")) s.put("kappa", 2.0);
        return new FlowSettings(dimension, 128, 80, 0.8, 1.0, 2.0, s, null, 40_000, 0.01, 1e-5, seed, 10_000, 0, 1000, 100, 0);
    }

    /** Planned cost of a run: optimiser steps × training points × grid times (samples through a network). */
    public static long plannedSamples(long steps, long points, long gridSize) {
        return steps * points * gridSize;
    }

    public long plannedSamples() {
        return plannedSamples(steps, points, gridSize);
    }

    public GaussianMixture mixture() {
        return new GaussianMixture(dimension, p, sigma);
    }

    /** The schedule this run trains on (its config is validated by {@link #validate}). */
    public TimeSchedule timeSchedule() {
        return TimeSchedule.parse(schedule, "/schedule", dimension);
    }

    public TimeGrid grid() {
        TimeSchedule s = timeSchedule();
        if (window == null) return TimeGrid.uniform(s, gridSize);
        return TimeGrid.phaseAware(s, gridSize, window.path("from").asDouble(), window.path("to").asDouble(), window.path("share").asDouble());
    }

    public boolean dilated() {
        return "dilated".equals(schedule.path("type").asText());
    }

    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("dimension", dimension).put("points", points).put("grid_size", gridSize).put("p", p).put("sigma", sigma).put("kappa", kappa);
        o.set("schedule", schedule.deepCopy());
        if (window != null) o.set("grid_window", window.deepCopy());
        o.put("steps", steps).put("lr", lr).put("weight_decay", weightDecay).put("seed", seed).put("samples", samples)
                .put("exact_euler_steps", exactEulerSteps).put("checkpoint_every", checkpointEvery).put("eval_every", evalEvery)
                .put("uturn_samples", uturnSamples);
        return o;
    }

    /**
     * Reads the flow keys of a run config ({@code pointer} is where that object sits), with the
     * paper's values as defaults for the optional ones; every problem found is reported at once,
     * each naming its key. Keys outside {@link #KEYS} are not this method's business.
     */
    public static FlowSettings parse(JsonNode config, String pointer) {
        List<ConfigProblem> problems = new ArrayList<>();
        Reader r = new Reader(config, pointer, problems);
        int d = r.integer("dimension", null, 1, 10_000_000);
        boolean dimensionValid = problems.isEmpty();
        int n = r.integer("points", 128, 1, 10_000_000);
        int t = r.integer("grid_size", 80, 1, 100_000);
        double p = r.number("p", 0.8, 0, 1, false);
        double sigma = r.number("sigma", 1.0, 0, Double.MAX_VALUE, false);
        double kappa = r.number("kappa", 2.0, 0, Double.MAX_VALUE, false);
        int steps = r.integer("steps", null, 0, Integer.MAX_VALUE);
        double lr = r.number("lr", 0.01, 0, 10, false);
        double wd = r.number("weight_decay", 1e-5, 0, 1, true);
        long seed = r.integer("seed", null, Integer.MIN_VALUE, Integer.MAX_VALUE);
        int samples = r.integer("samples", 10_000, 1, 100_000_000);
        int exact = r.integer("exact_euler_steps", 0, 0, 1_000_000);
        int ckpt = r.integer("checkpoint_every", 1000, 1, Integer.MAX_VALUE);
        int eval = r.integer("eval_every", 100, 1, Integer.MAX_VALUE);
        int uturn = r.integer("uturn_samples", 0, 0, 100_000_000);
        ObjectNode schedule = null;
        JsonNode s = config.get("schedule");
        if (s == null) {
            schedule = Json.object().put("type", "dilated").put("kappa", kappa);
        } else if (!s.isObject()) {
            problems.add(new ConfigProblem(pointer + "/schedule", "must be an object such as {\"type\": \"dilated\", \"kappa\": 2}"));
        } else {
            schedule = (ObjectNode) s;
            // the dilation's kappa is one number: the schedule's if it has one, else the run's
            if (schedule.path("type").asText().equals("dilated") && !schedule.has("kappa")) schedule = schedule.deepCopy().put("kappa", kappa);
            if (schedule.has("kappa") && schedule.get("kappa").isNumber()) kappa = schedule.get("kappa").asDouble();
            if (dimensionValid) { // a dilation's kappa can only be checked against a valid d
                try {
                    TimeSchedule.parse(schedule, pointer + "/schedule", d);
                } catch (ConfigException e) {
                    problems.addAll(e.problems());
                }
            }
        }
        ObjectNode window = null;
        JsonNode w = config.get("grid_window");
        if (w != null && !w.isNull()) {
            if (!w.isObject()) {
                problems.add(new ConfigProblem(pointer + "/grid_window", "must be an object {from, to, share}"));
            } else {
                Reader wr = new Reader(w, pointer + "/grid_window", problems);
                double from = wr.number("from", null, -Double.MAX_VALUE, Double.MAX_VALUE, true);
                double to = wr.number("to", null, -Double.MAX_VALUE, Double.MAX_VALUE, true);
                wr.number("share", null, 0, 1, false);
                if (to <= from) problems.add(new ConfigProblem(pointer + "/grid_window/to", "must be above from (" + from + "), got " + to));
                window = (ObjectNode) w;
            }
        }
        if (!problems.isEmpty()) throw new ConfigException(problems);
        FlowSettings settings = new FlowSettings(d, n, t, p, sigma, kappa, schedule, window, steps, lr, wd, seed, samples, exact, ckpt, eval, uturn);
        if (window != null) {
            try {
                settings.grid();
            } catch (IllegalArgumentException e) {
                throw new ConfigException(pointer + "/grid_window", e.getMessage());
            }
        }
        return settings;
    }

    /** Reads typed, ranged values and records located problems. */
    private record Reader(JsonNode node, String pointer, List<ConfigProblem> problems) {
        int integer(String key, Integer fallback, long min, long max) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                if (fallback == null) {
                    problems.add(new ConfigProblem(pointer + "/" + key, "required"));
                    return (int) Math.max(min, 0);
                }
                return fallback;
            }
            if (!v.isIntegralNumber() && !(v.isNumber() && v.asDouble() == Math.rint(v.asDouble()))) {
                problems.add(new ConfigProblem(pointer + "/" + key, "must be an integer, got " + v));
                return (int) Math.max(min, 0);
            }
            long x = v.asLong();
            if (x < min || x > max) {
                problems.add(new ConfigProblem(pointer + "/" + key, "must be in [" + min + ", " + max + "], got " + x));
                return (int) Math.max(min, 0);
            }
            return (int) x;
        }

        double number(String key, Double fallback, double min, double max, boolean closed) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                if (fallback == null) {
                    problems.add(new ConfigProblem(pointer + "/" + key, "required"));
                    return Double.NaN;
                }
                return fallback;
            }
            if (!v.isNumber()) {
                problems.add(new ConfigProblem(pointer + "/" + key, "must be a number, got " + v));
                return Double.NaN;
            }
            double x = v.asDouble();
            boolean ok = closed ? x >= min && x <= max : x > min && x < max;
            if (!ok) {
                problems.add(new ConfigProblem(pointer + "/" + key, "must be in " + (closed ? "[" : "(") + min + ", " + max + (closed ? "]" : ")") + ", got " + x));
                return Double.NaN;
            }
            return x;
        }
    }
}
