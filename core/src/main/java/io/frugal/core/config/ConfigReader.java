package io.frugal.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Strict, problem-collecting access to one JSON object of a configuration. Every getter checks
 * type and range and records a {@link ConfigProblem} at the field's JSON pointer instead of
 * throwing, so that one pass reports every problem; {@link #rejectUnknown} flags keys nobody read.
 */
public final class ConfigReader {
    private final JsonNode node;
    private final String pointer;
    private final List<ConfigProblem> problems;

    public ConfigReader(JsonNode node, String pointer, List<ConfigProblem> problems) {
        this.node = node;
        this.pointer = pointer;
        this.problems = problems;
    }

    public static ConfigReader root(JsonNode node, List<ConfigProblem> problems) {
        return new ConfigReader(node, "", problems);
    }

    public String pointer() { return pointer; }
    public List<ConfigProblem> problems() { return problems; }
    public JsonNode node() { return node; }

    public String at(String field) {
        return pointer + "/" + field.replace("~", "~0").replace("/", "~1");
    }

    public void problem(String field, String message) {
        problems.add(new ConfigProblem(field == null ? pointer : at(field), message));
    }

    public boolean has(String field) {
        return node != null && node.has(field) && !node.get(field).isNull();
    }

    /** Flags every key of this object that is not in {@code known}. */
    public void rejectUnknown(Set<String> known) {
        if (node == null || !node.isObject()) return;
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                problem(name, "unknown key '" + name + "' (known here: " + String.join(", ", new java.util.TreeSet<>(known)) + ")");
            }
        }
    }

    public ConfigReader object(String field, boolean required) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull()) {
            if (required) problem(field, "is required");
            return new ConfigReader(null, at(field), problems);
        }
        if (!v.isObject()) {
            problem(field, "must be an object, got " + describe(v));
            return new ConfigReader(null, at(field), problems);
        }
        return new ConfigReader(v, at(field), problems);
    }

    public String string(String field, String fallback, boolean required) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull()) {
            if (required) problem(field, "is required");
            return fallback;
        }
        if (!v.isTextual()) {
            problem(field, "must be a string, got " + describe(v));
            return fallback;
        }
        return v.textValue();
    }

    public String choice(String field, String fallback, boolean required, Set<String> allowed) {
        String s = string(field, fallback, required);
        if (s != null && !allowed.contains(s) && has(field)) {
            problem(field, "must be one of " + String.join(", ", new java.util.TreeSet<>(allowed)) + ", got '" + s + "'");
            return fallback;
        }
        return s;
    }

    public boolean bool(String field, boolean fallback) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull()) return fallback;
        if (!v.isBoolean()) {
            problem(field, "must be true or false, got " + describe(v));
            return fallback;
        }
        return v.booleanValue();
    }

    /** An integer in [min, max]; a number with a fraction, or a string, is a type error. */
    public long integer(String field, long fallback, boolean required, long min, long max) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull()) {
            if (required) problem(field, "is required");
            return fallback;
        }
        if (!v.isIntegralNumber() && !(v.isNumber() && v.decimalValue().stripTrailingZeros().scale() <= 0)) {
            problem(field, "must be a whole number, got " + describe(v));
            return fallback;
        }
        long x = v.asLong();
        if (x < min || x > max) {
            problem(field, rangeMessage(x, min, max));
            return fallback;
        }
        return x;
    }

    /** A number in the interval (lo, hi] or [lo, hi] as {@code loOpen} says. */
    public double number(String field, double fallback, boolean required, double lo, boolean loOpen, double hi) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull()) {
            if (required) problem(field, "is required");
            return fallback;
        }
        if (!v.isNumber()) {
            problem(field, "must be a number, got " + describe(v));
            return fallback;
        }
        double x = v.asDouble();
        boolean ok = (loOpen ? x > lo : x >= lo) && x <= hi && Double.isFinite(x);
        if (!ok) {
            problem(field, "must be in " + (loOpen ? "(" : "[") + fmt(lo) + ", " + fmt(hi) + "], got " + fmt(x));
            return fallback;
        }
        return x;
    }

    private static String rangeMessage(long x, long min, long max) {
        if (x < min) return min == 1 ? "must be positive, got " + x : "must be at least " + min + ", got " + x;
        return "must be at most " + max + ", got " + x;
    }

    static String fmt(double x) {
        if (x == Double.MAX_VALUE || x == Double.POSITIVE_INFINITY) return "inf";
        if (x == Math.rint(x) && Math.abs(x) < 1e15) return Long.toString((long) x);
        return Double.toString(x);
    }

    public static String describe(JsonNode v) {
        if (v.isTextual()) return "string \"" + v.textValue() + "\"";
        if (v.isBoolean()) return "boolean " + v.booleanValue();
        if (v.isNumber()) return "number " + v.asText();
        if (v.isArray()) return "a list";
        if (v.isObject()) return "an object";
        return v.getNodeType().toString().toLowerCase();
    }
}
