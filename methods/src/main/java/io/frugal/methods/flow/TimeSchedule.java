package io.frugal.methods.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frugal.core.config.ConfigException;
import io.frugal.core.config.ConfigProblem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * The interpolation schedule x_t = a(t)·z + b(t)·x1 of a flow model, as data: the data fraction
 * τ(t) is piecewise linear through a list of knots (t_i, τ_i) with increasing t_i, and
 * a = 1 − τ, b = τ. The uniform schedule and the paper's time dilation are two knot lists, so any
 * other schedule is a list of sections, not new code. τ must run from 0 at the first knot (pure
 * noise, where sampling starts) to 1 at the last (pure data), never decreasing.
 *
 * <p>Derivatives are those of the section a time falls in; at a knot, the section to its right
 * (the Euler sampler evaluates the field at the left end of each step, so that is the section the
 * step moves through).
 */
public record TimeSchedule(String name, double[] times, double[] fractions) {
    private static final double EPS = 1e-12;

    public TimeSchedule {
        if (times.length < 2 || times.length != fractions.length) {
            throw new IllegalArgumentException("a schedule needs at least two knots (t, tau) of equal count");
        }
        times = times.clone();
        fractions = fractions.clone();
        for (int i = 1; i < times.length; i++) {
            if (!(times[i] > times[i - 1])) throw new IllegalArgumentException("knot times must increase: " + Arrays.toString(times));
            if (fractions[i] < fractions[i - 1]) throw new IllegalArgumentException("tau must not decrease: " + Arrays.toString(fractions));
        }
        if (Math.abs(fractions[0]) > EPS || Math.abs(fractions[fractions.length - 1] - 1) > EPS) {
            throw new IllegalArgumentException("tau must run from 0 (noise) to 1 (data), got " + fractions[0] + " .. " + fractions[fractions.length - 1]);
        }
    }

    /** τ = t on [0, 1]: a = 1 − t, b = t. */
    public static TimeSchedule uniform() {
        return new TimeSchedule("uniform", new double[] {0, 1}, new double[] {0, 1});
    }

    /**
     * The paper's dilation for dimension d: t ∈ [0, 2], τ = κt/√d on [0, 1] (phase 1, where the mode
     * weight is decided), then κ/√d + (1 − κ/√d)(t − 1) on [1, 2] (phase 2). Needs κ < √d.
     */
    public static TimeSchedule dilated(double kappa, int d) {
        double knee = kappa / Math.sqrt(d);
        if (!(kappa > 0) || !(knee < 1)) {
            throw new IllegalArgumentException("dilation needs 0 < kappa < sqrt(d): kappa " + kappa + ", d " + d);
        }
        return new TimeSchedule("dilated", new double[] {0, 1, 2}, new double[] {0, knee, 1});
    }

    public double start() {
        return times[0];
    }

    public double end() {
        return times[times.length - 1];
    }

    /** Index of the section [t_i, t_{i+1}) holding t (the last section holds the end point). */
    private int section(double t) {
        if (t < times[0] - EPS || t > end() + EPS) {
            throw new IllegalArgumentException("t = " + t + " is outside the schedule's range [" + start() + ", " + end() + "]");
        }
        for (int i = 0; i < times.length - 2; i++) {
            if (t < times[i + 1]) return i;
        }
        return times.length - 2;
    }

    /** Data fraction τ(t) = b(t). */
    public double tau(double t) {
        int i = section(t);
        double w = (t - times[i]) / (times[i + 1] - times[i]);
        return fractions[i] + w * (fractions[i + 1] - fractions[i]);
    }

    /** dτ/dt on the section holding t. */
    public double tauDot(double t) {
        int i = section(t);
        return (fractions[i + 1] - fractions[i]) / (times[i + 1] - times[i]);
    }

    public double a(double t) {
        return 1 - tau(t);
    }

    public double b(double t) {
        return tau(t);
    }

    public double aDot(double t) {
        return -tauDot(t);
    }

    public double bDot(double t) {
        return tauDot(t);
    }

    /** The first knot at which τ reaches {@code fraction} (e.g. the dilation's phase boundary t = 1 at τ = κ/√d). */
    public double timeOfFraction(double fraction) {
        for (int i = 0; i < times.length - 1; i++) {
            if (fraction <= fractions[i + 1] + EPS) {
                double span = fractions[i + 1] - fractions[i];
                return span <= 0 ? times[i] : times[i] + (fraction - fractions[i]) / span * (times[i + 1] - times[i]);
            }
        }
        return end();
    }

    /** The knots as JSON {type: piecewise, knots: [[t, tau], ...]}: what a result records of its schedule. */
    public ObjectNode toJson() {
        ObjectNode o = io.frugal.core.store.Json.object();
        o.put("type", "piecewise");
        o.put("name", name);
        var knots = o.putArray("knots");
        for (int i = 0; i < times.length; i++) knots.addArray().add(times[i]).add(fractions[i]);
        return o;
    }

    /**
     * Parses a schedule from a run config: {@code {type: uniform}}, {@code {type: dilated, kappa: 2}}
     * (kappa defaults to 2, the paper's) or {@code {type: piecewise, knots: [[t, tau], ...]}}.
     * {@code pointer} is where the object sits in the config, so that problems are located;
     * {@code d} is the dimension the dilation is for. Every problem found is reported at once.
     */
    public static TimeSchedule parse(JsonNode node, String pointer, int d) {
        List<ConfigProblem> problems = new ArrayList<>();
        if (node == null || !node.isObject()) {
            throw new ConfigException(pointer, "schedule must be an object such as {\"type\": \"dilated\", \"kappa\": 2}");
        }
        JsonNode type = node.get("type");
        if (type == null || !type.isTextual()) {
            throw new ConfigException(pointer + "/type", "missing or not a string; one of uniform, dilated, piecewise");
        }
        TimeSchedule result = null;
        switch (type.asText()) {
            case "uniform" -> {
                unknownKeys(node, pointer, List.of("type"), problems);
                result = uniform();
            }
            case "dilated" -> {
                unknownKeys(node, pointer, List.of("type", "kappa"), problems);
                double kappa = 2;
                JsonNode k = node.get("kappa");
                if (k != null) {
                    if (!k.isNumber()) problems.add(new ConfigProblem(pointer + "/kappa", "must be a number, got " + k));
                    else kappa = k.asDouble();
                }
                if (problems.isEmpty()) {
                    if (!(kappa > 0)) problems.add(new ConfigProblem(pointer + "/kappa", "must be positive, got " + kappa));
                    else if (!(kappa < Math.sqrt(d))) {
                        problems.add(new ConfigProblem(pointer + "/kappa", String.format(Locale.ROOT,
                                "must be below sqrt(d) = %.4g (tau at t = 1 is kappa/sqrt(d) and must stay below 1), got %s", Math.sqrt(d), kappa)));
                    } else result = dilated(kappa, d);
                }
            }
            case "piecewise" -> {
                unknownKeys(node, pointer, List.of("type", "knots"), problems);
                result = parseKnots(node.get("knots"), pointer + "/knots", problems);
            }
            default -> problems.add(new ConfigProblem(pointer + "/type", "unknown schedule type '" + type.asText() + "'; one of uniform, dilated, piecewise"));
        }
        if (!problems.isEmpty()) throw new ConfigException(problems);
        return result;
    }

    private static TimeSchedule parseKnots(JsonNode knots, String pointer, List<ConfigProblem> problems) {
        if (knots == null || !knots.isArray() || knots.size() < 2) {
            problems.add(new ConfigProblem(pointer, "must be a list of at least two [t, tau] pairs"));
            return null;
        }
        double[] t = new double[knots.size()];
        double[] tau = new double[knots.size()];
        int before = problems.size();
        for (int i = 0; i < knots.size(); i++) {
            JsonNode k = knots.get(i);
            if (!k.isArray() || k.size() != 2 || !k.get(0).isNumber() || !k.get(1).isNumber()) {
                problems.add(new ConfigProblem(pointer + "/" + i, "must be a pair of numbers [t, tau], got " + k));
                continue;
            }
            t[i] = k.get(0).asDouble();
            tau[i] = k.get(1).asDouble();
            if (i > 0 && problems.size() == before) {
                if (!(t[i] > t[i - 1])) problems.add(new ConfigProblem(pointer + "/" + i + "/0", "knot times must increase: " + t[i] + " after " + t[i - 1]));
                if (tau[i] < tau[i - 1]) problems.add(new ConfigProblem(pointer + "/" + i + "/1", "tau must not decrease: " + tau[i] + " after " + tau[i - 1]));
            }
        }
        if (problems.size() > before) return null;
        if (Math.abs(tau[0]) > EPS) problems.add(new ConfigProblem(pointer + "/0/1", "tau must start at 0 (pure noise), got " + tau[0]));
        int last = tau.length - 1;
        if (Math.abs(tau[last] - 1) > EPS) problems.add(new ConfigProblem(pointer + "/" + last + "/1", "tau must end at 1 (pure data), got " + tau[last]));
        if (problems.size() > before) return null;
        return new TimeSchedule("piecewise", t, tau);
    }

    private static void unknownKeys(JsonNode node, String pointer, List<String> allowed, List<ConfigProblem> problems) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) problems.add(new ConfigProblem(pointer + "/" + key, "unknown key for this schedule type; allowed: " + allowed));
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TimeSchedule s && Arrays.equals(times, s.times) && Arrays.equals(fractions, s.fractions);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(times) + Arrays.hashCode(fractions);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(times) + "->" + Arrays.toString(fractions);
    }
}
