package io.frugal.reproducibility.claims;

import com.fasterxml.jackson.databind.JsonNode;
import io.frugal.core.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a paper's claims file (YAML). Strict: unknown keys, missing or mistyped fields, a kind's
 * missing parameters, duplicate claim ids and impossible tolerances are problems, all of them
 * reported at once as {@code FILE:LINE:COL: /json/pointer: what is wrong} (bad input).
 */
public final class ClaimReader {
    /** The claims files shipped with frugal, one per paper, in this order. */
    public static final List<String> BUILT_IN = List.of("data-reduction", "flow", "rela");

    private static final Set<String> TOP = Set.of("paper", "title", "source", "substitutions", "paper_setup", "paper_datasets",
            "deviations", "easy", "hard", "claims");
    private static final Set<String> CLAIM = Set.of("id", "kind", "statement", "quantity", "paper", "unit", "tolerance",
            "source", "where", "cells", "reference", "direction", "statistic", "equals", "axis", "log_axis", "scale");
    private static final Set<String> KINDS_WITH_REFERENCE = Set.of("difference", "ordering", "ratio");

    private final String source;
    private final LocatedYaml doc;
    private final List<String> problems;

    private ClaimReader(String source, LocatedYaml doc, List<String> problems) {
        this.source = source;
        this.doc = doc;
        this.problems = problems;
    }

    /** Every built-in claims file. */
    public static List<ClaimSet> builtIn() {
        List<ClaimSet> out = new ArrayList<>();
        for (String paper : BUILT_IN) {
            String resource = "/io/frugal/reproducibility/claims/" + paper + ".yaml";
            try (InputStream in = ClaimReader.class.getResourceAsStream(resource)) {
                if (in == null) throw new IllegalStateException("claims resource missing from the jar: " + resource);
                out.add(read(new String(in.readAllBytes(), StandardCharsets.UTF_8), "claims/" + paper + ".yaml"));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + resource, e);
            }
        }
        return out;
    }

    public static ClaimSet read(Path file) {
        try {
            return read(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new BadInputException("cannot read claims file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses claims text; bad input listing every problem with its location. */
    public static ClaimSet read(String text, String source) {
        List<String> problems = new ArrayList<>();
        LocatedYaml doc = LocatedYaml.parse(text, source, problems);
        ClaimSet set = null;
        if (doc != null) set = new ClaimReader(source, doc, problems).set();
        if (!problems.isEmpty()) throw new BadInputException(String.join("\n", problems));
        return set;
    }

    private void problem(String pointer, String message) {
        problems.add(doc.where(source, pointer) + ": " + (pointer.isEmpty() ? "/" : pointer) + ": " + message);
    }

    private ClaimSet set() {
        JsonNode root = doc.root;
        if (!root.isObject()) {
            problem("", "must be a mapping with paper, title, source and claims");
            return null;
        }
        unknownKeys(root, "", TOP);
        String paper = text(root, "", "paper", true);
        String title = text(root, "", "title", true);
        String src = text(root, "", "source", true);
        List<ClaimSet.Substitution> subs = new ArrayList<>();
        JsonNode s = root.get("substitutions");
        if (s != null) {
            if (!s.isArray()) problem("/substitutions", "must be a list");
            else for (int i = 0; i < s.size(); i++) {
                String at = "/substitutions/" + i;
                JsonNode e = s.get(i);
                if (!e.isObject()) { problem(at, "must be a mapping {ours, paper, why}"); continue; }
                unknownKeys(e, at, Set.of("ours", "paper", "why"));
                subs.add(new ClaimSet.Substitution(text(e, at, "ours", true), text(e, at, "paper", true), text(e, at, "why", true)));
            }
        }
        Map<String, JsonNode> setup = new LinkedHashMap<>();
        JsonNode ps = root.get("paper_setup");
        if (ps != null) {
            if (!ps.isObject()) problem("/paper_setup", "must be a mapping of config keys (a.b for nested) to the paper's values");
            else ps.fields().forEachRemaining(e -> setup.put(e.getKey(), e.getValue()));
        }
        List<Claim> claims = new ArrayList<>();
        JsonNode cs = root.get("claims");
        if (cs == null) problem("", "claims is required");
        else if (!cs.isArray() || cs.isEmpty()) problem("/claims", "must be a non-empty list");
        else {
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < cs.size(); i++) {
                Claim c = claim(cs.get(i), "/claims/" + i);
                if (c == null) continue;
                if (!ids.add(c.id())) problem("/claims/" + i + "/id", "claim id '" + c.id() + "' appears twice");
                claims.add(c);
            }
        }
        return new ClaimSet(paper, title, src, subs, setup, strings(root, "", "paper_datasets"), strings(root, "", "deviations"), strings(root, "", "easy"),
                strings(root, "", "hard"), claims);
    }

    private Claim claim(JsonNode c, String at) {
        if (!c.isObject()) {
            problem(at, "must be a mapping");
            return null;
        }
        unknownKeys(c, at, CLAIM);
        int before = problems.size();
        String id = text(c, at, "id", true);
        String kindText = text(c, at, "kind", true);
        ClaimKind kind = null;
        if (kindText != null) {
            try {
                kind = ClaimKind.valueOf(kindText.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problem(at + "/kind", "unknown kind '" + kindText + "'; one of value, difference, ordering, ratio, trend");
            }
        }
        String statement = text(c, at, "statement", true);
        String quantity = text(c, at, "quantity", true);
        String unit = text(c, at, "unit", true);
        String sourceText = text(c, at, "source", true);
        ClaimSource source = null;
        if (sourceText != null) {
            source = ClaimSource.parse(sourceText);
            if (source == null) problem(at + "/source", "unknown source '" + sourceText + "'; one of table, figure, text, our reading");
        }
        String where = text(c, at, "where", false);
        Double tolerance = number(c, at, "tolerance", true);
        if (tolerance != null && !(tolerance >= 0)) problem(at + "/tolerance", "must be ≥ 0, got " + tolerance);
        PaperValue paper = paper(c, at);
        CellSelector cells = selector(c, at + "/cells");
        ReferenceCell reference = null;
        String direction = text(c, at, "direction", false);
        String statistic = text(c, at, "statistic", false);
        String equals = text(c, at, "equals", false);
        String axis = text(c, at, "axis", false);
        String scale = text(c, at, "scale", false);
        boolean logAxis = c.path("log_axis").asBoolean(false);
        if (c.has("log_axis") && !c.get("log_axis").isBoolean()) problem(at + "/log_axis", "must be true or false");
        if (kind != null) {
            String k = kind.label();
            if (KINDS_WITH_REFERENCE.contains(k)) reference = reference(c, at);
            else if (c.has("reference")) problem(at + "/reference", "a " + k + " claim has no reference cell");
            switch (kind) {
                case VALUE, DIFFERENCE -> {
                    if (paper == null && !c.has("paper")) problem(at, "a " + k + " claim needs paper: {mean[, sd, n]}");
                }
                case ORDERING -> {
                    if (!"greater".equals(direction) && !"less".equals(direction)) {
                        problem(at + "/direction", "an ordering claim needs direction: greater or less");
                    }
                    if (statistic != null && !statistic.equals("mean") && !statistic.equals("sd")) {
                        problem(at + "/statistic", "must be mean or sd, got '" + statistic + "'");
                    }
                }
                case RATIO -> {
                    if (equals == null && paper == null) problem(at, "a ratio claim needs equals: QUANTITY or paper: {mean}");
                    if (tolerance != null && tolerance >= 1) problem(at + "/tolerance", "a ratio's relative tolerance must be < 1");
                }
                case TREND -> {
                    if (axis == null) problem(at, "a trend claim needs axis: MATRIX_AXIS");
                    if (direction == null || !Set.of("any", "increasing", "decreasing", "none").contains(direction)) {
                        problem(at + "/direction", "a trend claim needs direction: any, increasing, decreasing or none");
                    }
                }
            }
        }
        if (problems.size() > before) return null;
        return new Claim(id, kind, statement, quantity, paper, unit, tolerance, source, where, cells, reference, direction,
                statistic == null ? "mean" : statistic, equals, axis, logAxis, scale);
    }

    private PaperValue paper(JsonNode c, String at) {
        JsonNode p = c.get("paper");
        if (p == null || p.isNull()) return null;
        String pat = at + "/paper";
        if (p.isNumber()) return new PaperValue(p.doubleValue(), null, null);
        if (!p.isObject()) {
            problem(pat, "must be a number or {mean, sd, n}");
            return null;
        }
        unknownKeys(p, pat, Set.of("mean", "sd", "n"));
        Double mean = number(p, pat, "mean", true);
        Double sd = number(p, pat, "sd", false);
        Double n = number(p, pat, "n", false);
        if ((sd == null) != (n == null)) problem(pat, "sd and n go together: give both or neither");
        if (sd != null && sd < 0) problem(pat + "/sd", "must be ≥ 0");
        if (n != null && (n < 2 || n != Math.rint(n))) problem(pat + "/n", "must be a whole number ≥ 2");
        if (mean == null) return null;
        return new PaperValue(mean, sd, n == null ? null : (int) Math.rint(n));
    }

    private CellSelector selector(JsonNode c, String at) {
        String parent = at.substring(0, at.lastIndexOf('/'));
        JsonNode s = c.get("cells");
        if (s == null) {
            problem(parent, "cells is required: {dataset: [...], experiment: [...], matrix: {axis: [...]}}");
            return new CellSelector(List.of(), List.of(), Map.of());
        }
        if (!s.isObject()) {
            problem(at, "must be a mapping {dataset, experiment, matrix}");
            return new CellSelector(List.of(), List.of(), Map.of());
        }
        unknownKeys(s, at, Set.of("dataset", "experiment", "matrix"));
        Map<String, List<String>> matrix = new LinkedHashMap<>();
        JsonNode m = s.get("matrix");
        if (m != null) {
            if (!m.isObject()) problem(at + "/matrix", "must be a mapping axis → value or list of values");
            else m.fields().forEachRemaining(e -> matrix.put(e.getKey(), oneOrMany(e.getValue(), at + "/matrix/" + e.getKey())));
        }
        return new CellSelector(oneOrMany(s.get("dataset"), at + "/dataset"), oneOrMany(s.get("experiment"), at + "/experiment"), matrix);
    }

    private ReferenceCell reference(JsonNode c, String at) {
        JsonNode r = c.get("reference");
        if (r == null) return ReferenceCell.BASELINE;
        String rat = at + "/reference";
        if (!r.isObject()) {
            problem(rat, "must be a mapping {experiment, matrix}");
            return ReferenceCell.BASELINE;
        }
        unknownKeys(r, rat, Set.of("experiment", "matrix"));
        Map<String, String> matrix = new LinkedHashMap<>();
        JsonNode m = r.get("matrix");
        if (m != null) {
            if (!m.isObject()) problem(rat + "/matrix", "must be a mapping axis → value");
            else m.fields().forEachRemaining(e -> {
                if (e.getValue().isValueNode() && !e.getValue().isNull()) matrix.put(e.getKey(), e.getValue().asText());
                else problem(rat + "/matrix/" + e.getKey(), "must be a single value");
            });
        }
        return new ReferenceCell(text(r, rat, "experiment", false), matrix);
    }

    private List<String> oneOrMany(JsonNode v, String at) {
        List<String> out = new ArrayList<>();
        if (v == null || v.isNull()) return out;
        if (v.isValueNode()) {
            out.add(v.asText());
            return out;
        }
        if (!v.isArray()) {
            problem(at, "must be a value or a list of values");
            return out;
        }
        for (int i = 0; i < v.size(); i++) {
            if (v.get(i).isValueNode() && !v.get(i).isNull()) out.add(v.get(i).asText());
            else problem(at + "/" + i, "must be a value");
        }
        return out;
    }

    private List<String> strings(JsonNode o, String at, String field) {
        JsonNode v = o.get(field);
        List<String> out = new ArrayList<>();
        if (v == null) return out;
        if (!v.isArray()) {
            problem(at + "/" + field, "must be a list of text");
            return out;
        }
        for (int i = 0; i < v.size(); i++) {
            if (v.get(i).isTextual()) out.add(v.get(i).textValue());
            else problem(at + "/" + field + "/" + i, "must be text");
        }
        return out;
    }

    private String text(JsonNode o, String at, String field, boolean required) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            if (required) problem(at, field + " is required");
            return null;
        }
        if (!v.isTextual() || v.textValue().isBlank()) {
            problem(at + "/" + field, "must be non-empty text");
            return null;
        }
        return v.textValue();
    }

    private Double number(JsonNode o, String at, String field, boolean required) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            if (required) problem(at, field + " is required");
            return null;
        }
        if (!v.isNumber()) {
            problem(at + "/" + field, "must be a number, got " + (v.isTextual() ? "\"" + v.textValue() + "\"" : v.toString()));
            return null;
        }
        return v.doubleValue();
    }

    private void unknownKeys(JsonNode o, String at, Set<String> known) {
        o.fieldNames().forEachRemaining(k -> {
            if (!known.contains(k)) problem(at + "/" + k, "unknown key '" + k + "'; known: " + String.join(", ", new java.util.TreeSet<>(known)));
        });
    }
}
