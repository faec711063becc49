package io.frugal.core.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frugal.core.BadInputException;
import io.frugal.core.config.ConfigProblem;
import io.frugal.core.config.ConfigReader;
import io.frugal.core.kind.PlannedCost;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * An expanded manifest: what {@code OUT/plan.json} holds (format 1), and its only reader and
 * writer. Without a usable plan nothing can be run or reported, so every problem found reading
 * it is bad input, all of them listed in one message with the file and the JSON pointer. Keys
 * this reader does not know are allowed: a newer planner may record more.
 *
 * @param manifest  the manifest path as it was given
 * @param profile   the profile used, or null
 * @param overrides the {@code --set} options as given, in order
 * @param baseline  the experiment that others are compared against, or null
 */
public record Plan(String name, String source, String manifest, String manifestSha256, String profile,
                   List<String> overrides, String baseline, List<ExperimentEntry> experiments,
                   List<String> datasets, List<Long> seeds, List<PlannedRun> runs) {
    public static final int FORMAT = 1;
    // A run id names a directory under runs/: no separators, no "..", nothing hidden.
    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Set<String> COST_FIELDS = Set.of("planned_evaluations", "baseline_evaluations", "evaluation_ratio");
    private static final ObjectReader RUN_READER = Json.MAPPER.readerFor(JsonNode.class);
    private static final Set<String> RUN_FIELDS = Set.of("id", "experiment", "dataset", "seed", "matrix", "inputs", "config");

    /** An experiment of the manifest, in manifest order; note is free text or null. */
    public record ExperimentEntry(String id, String note) {}

    public List<String> experimentIds() {
        return experiments.stream().map(ExperimentEntry::id).toList();
    }

    public long totalPlannedEvaluations() {
        return runs.stream().mapToLong(PlannedRun::plannedEvaluations).sum();
    }

    public long totalBaselineEvaluations() {
        return runs.stream().mapToLong(PlannedRun::baselineEvaluations).sum();
    }

    /** The run of that id, or null. */
    public PlannedRun run(String id) {
        for (PlannedRun r : runs) if (r.id().equals(id)) return r;
        return null;
    }

    public ObjectNode toJson() {
        ObjectNode o = header();
        ArrayNode rs = o.putArray("runs");
        runs.forEach(r -> rs.add(r.toJson()));
        return o;
    }

    /** Everything of plan.json but its runs, in file order. */
    private ObjectNode header() {
        ObjectNode o = Json.object();
        o.put("format", FORMAT);
        o.put("name", name);
        o.put("source", source);
        o.put("manifest", manifest);
        o.put("manifest_sha256", manifestSha256);
        o.put("profile", profile);
        overrides.forEach(o.putArray("overrides")::add);
        o.put("baseline", baseline);
        ArrayNode exps = o.putArray("experiments");
        for (ExperimentEntry e : experiments) exps.addObject().put("id", e.id()).put("note", e.note());
        datasets.forEach(o.putArray("datasets")::add);
        seeds.forEach(o.putArray("seeds")::add);
        return o;
    }

    /**
     * Writes plan.json's text, the same bytes as {@code Json.pretty(toJson())}, one run at a time:
     * a plan of a million runs is about a gigabyte of text, which is never held in memory whole.
     */
    public void writeJson(OutputStream out) throws IOException {
        try (JsonGenerator g = Json.prettyGenerator(out)) {
            writeJson(g);
        }
    }

    /** As {@link #writeJson(OutputStream)}, into a character stream that stays open (a console). */
    public void writeJson(java.io.Writer out) {
        try (JsonGenerator g = Json.prettyGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            writeJson(g);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void writeJson(JsonGenerator g) throws IOException {
        g.writeStartObject();
        var fields = header().fields();
        while (fields.hasNext()) {
            var f = fields.next();
            g.writeFieldName(f.getKey());
            Json.writeTree(g, f.getValue());
        }
        g.writeArrayFieldStart("runs");
        for (PlannedRun r : runs) Json.writeTree(g, r.toJson(false));
        g.writeEndArray();
        g.writeEndObject();
        g.writeRaw('\n');
    }

    /** Writes plan.json atomically: last, once every run it names has its config.json. */
    public void write(RunStore store) {
        AtomicFiles.write(store.plan(), temp -> {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16)) {
                writeJson(out);
            }
        });
    }

    /**
     * plan.json's text in a temp file beside it, not synced: the caller makes it durable with the
     * plan's configs (one barrier for all) and then {@link #commit}s it.
     */
    public Path writeUncommitted(RunStore store) {
        return AtomicFiles.writeUnsynced(store.plan(), temp -> {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16)) {
                writeJson(out);
            }
        });
    }

    /** Renames what {@link #writeUncommitted} wrote, now durable, to plan.json: the store's commit. */
    public static void commit(RunStore store, Path durableTemp) {
        AtomicFiles.moveIntoPlace(durableTemp, store.plan());
    }

    /** Whether {@code file} holds exactly the bytes {@link #writeJson} writes (read as it is compared, not whole). */
    public boolean isWrittenIn(Path file) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            SameBytes same = new SameBytes(in);
            writeJson(same);
            return same.same && in.read() == -1;
        } catch (IOException e) {
            return false;
        }
    }

    /** An output stream that only compares what it is given with an input stream. */
    private static final class SameBytes extends OutputStream {
        private final InputStream in;
        boolean same = true;

        SameBytes(InputStream in) {
            this.in = in;
        }

        @Override
        public void write(int b) throws IOException {
            if (same && in.read() != (b & 0xff)) same = false;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            for (int i = 0; i < len && same; i++) if (in.read() != (b[off + i] & 0xff)) same = false;
        }

        @Override
        public void close() {
            // the input stream is closed by its owner
        }
    }

    /**
     * OUT's plan.json; bad input when OUT is no run store or the plan cannot be used. Read as a
     * stream, one run at a time (a plan of 10⁵ runs is 80 MB of text): neither the text nor the
     * tree of the whole file is ever held, only the header's fields and each run as it is parsed.
     */
    public static Plan read(Path out) {
        if (!Files.isDirectory(out)) {
            throw new BadInputException("not a frugal output folder: " + out + (Files.exists(out) ? " is not a directory" : " does not exist"));
        }
        Path file = new RunStore(out).plan();
        List<ConfigProblem> problems = new ArrayList<>();
        Plan plan;
        try (InputStream in = Files.newInputStream(file);
             JsonParser parser = Json.MAPPER.getFactory().createParser(in)) {
            plan = parse(parser, problems);
        } catch (NoSuchFileException e) {
            if (UnfinishedPlan.isUnfinished(new RunStore(out))) throw new BadInputException(UnfinishedPlan.explain(new RunStore(out)));
            throw new BadInputException("not a frugal output folder: no plan.json in " + out);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BadInputException(file + ": not valid JSON: " + Json.describe(e), e);
        } catch (IOException e) {
            throw new BadInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (plan == null) throw new BadInputException(file + ": must be a JSON object");
        if (!problems.isEmpty()) {
            throw new BadInputException(problems.stream().map(p -> file + ": " + p).collect(Collectors.joining("\n")));
        }
        return plan;
    }

    /**
     * The plan a parser streams (null if it holds no JSON object): every top-level field but
     * {@code runs} is read as a tree into the header, each run as a tree of its own, parsed and
     * dropped. Problems as {@link #fromJson} finds them, at the same pointers.
     */
    private static Plan parse(JsonParser parser, List<ConfigProblem> problems) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            if (parser.currentToken() != null) parser.skipChildren();
            return null;
        }
        ObjectNode header = Json.object();
        List<PlannedRun> runs = null;
        List<ConfigProblem> runProblems = new ArrayList<>();
        JsonNode runsValue = null; // "runs" that is not a list, kept to report it as fromJson does
        Set<String> seen = new HashSet<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (field.equals("runs") && value == JsonToken.START_ARRAY) {
                runs = new ArrayList<>();
                for (int i = 0; parser.nextToken() != JsonToken.END_ARRAY; i++) {
                    parseRunInto(RUN_READER.readValue(parser), "/runs/" + i, runProblems, seen, runs);
                }
                runsValue = null;
            } else if (field.equals("runs")) {
                runsValue = parser.readValueAsTree();
                runs = null;
            } else {
                header.set(field, parser.readValueAsTree());
            }
        }
        if (parser.nextToken() != null) throw new com.fasterxml.jackson.core.JsonParseException(parser, "more than one JSON value");
        if (runsValue != null) header.set("runs", runsValue);
        return parse(ConfigReader.root(header, problems), runs, runProblems);
    }

    private static void parseRunInto(JsonNode node, String pointer, List<ConfigProblem> problems, Set<String> seen, List<PlannedRun> runs) {
        if (node == null) node = com.fasterxml.jackson.databind.node.NullNode.getInstance(); // a JSON null, as a reader gives it
        ConfigReader run = new ConfigReader(node, pointer, problems);
        if (!node.isObject()) {
            run.problem(null, "must be an object");
            return;
        }
        PlannedRun p = parseRun(run);
        if (p.id() != null && !seen.add(p.id())) run.problem("id", "run id '" + p.id() + "' appears twice");
        runs.add(p);
    }

    /** A plan from its JSON (as {@link #toJson} writes it); bad input listing every problem. */
    public static Plan fromJson(JsonNode root) {
        if (root == null || !root.isObject()) throw new BadInputException("plan.json must be a JSON object");
        List<ConfigProblem> problems = new ArrayList<>();
        Plan plan = parse(ConfigReader.root(root, problems));
        if (!problems.isEmpty()) throw new BadInputException(problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n")));
        return plan;
    }

    private static Plan parse(ConfigReader r) {
        List<PlannedRun> runs = null;
        List<ConfigProblem> runProblems = new ArrayList<>();
        JsonNode runsNode = r.node().get("runs");
        if (runsNode != null && runsNode.isArray()) {
            runs = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < runsNode.size(); i++) parseRunInto(runsNode.get(i), r.at("runs") + "/" + i, runProblems, seen, runs);
        }
        return parse(r, runs, runProblems);
    }

    /**
     * The plan of a header whose runs are parsed already ({@code runs}, null when it has no list of
     * runs; {@code runProblems} what they gave, listed after the format's as they always were).
     */
    private static Plan parse(ConfigReader r, List<PlannedRun> runs, List<ConfigProblem> runProblems) {
        r.integer("format", FORMAT, true, FORMAT, FORMAT);
        List<ExperimentEntry> experiments = new ArrayList<>();
        JsonNode exps = r.node().get("experiments");
        if (exps != null && exps.isArray()) {
            for (JsonNode e : exps) {
                if (e.isObject() && e.path("id").isTextual()) experiments.add(new ExperimentEntry(e.get("id").textValue(), text(e.get("note"))));
            }
        }
        if (runs == null) {
            JsonNode runsNode = r.node().get("runs");
            r.problem("runs", runsNode == null ? "is required" : "must be a list");
            runs = new ArrayList<>();
        }
        r.problems().addAll(runProblems);
        List<Long> seeds = new ArrayList<>();
        JsonNode s = r.node().get("seeds");
        if (s != null && s.isArray()) s.forEach(x -> seeds.add(x.asLong()));
        return new Plan(r.string("name", null, false), r.string("source", null, false),
                r.string("manifest", null, false), r.string("manifest_sha256", null, false),
                r.string("profile", null, false), strings(r, "overrides"), r.string("baseline", null, false),
                experiments, strings(r, "datasets"), seeds, runs);
    }

    private static PlannedRun parseRun(ConfigReader run) {
        String id = run.string("id", null, true);
        if (id != null && !RUN_ID.matcher(id).matches()) run.problem("id", "'" + id + "' cannot name a run directory");
        String experiment = run.string("experiment", null, true);
        String dataset = run.string("dataset", null, true);
        long seed = run.integer("seed", 0, true, Long.MIN_VALUE, Long.MAX_VALUE);
        ConfigReader m = run.object("matrix", false);
        ObjectNode matrix = m.node() == null ? Json.object() : (ObjectNode) m.node();
        long planned = run.integer("planned_evaluations", 0, true, 0, Long.MAX_VALUE);
        long baseline = run.integer("baseline_evaluations", 0, false, 0, Long.MAX_VALUE);
        ObjectNode details = Json.object();
        run.node().fields().forEachRemaining(e -> {
            if (!RUN_FIELDS.contains(e.getKey()) && !COST_FIELDS.contains(e.getKey())) details.set(e.getKey(), e.getValue());
        });
        Map<String, String> inputs = new LinkedHashMap<>();
        ConfigReader in = run.object("inputs", false);
        if (in.node() != null) {
            in.node().fields().forEachRemaining(e -> {
                if (e.getValue().isTextual() && RUN_ID.matcher(e.getValue().textValue()).matches()) inputs.put(e.getKey(), e.getValue().textValue());
                else in.problem(e.getKey(), "must be a run id");
            });
        }
        ConfigReader config = run.object("config", false);
        return new PlannedRun(id, experiment, dataset, seed, matrix, new PlannedCost(details, planned, baseline), inputs,
                config.node() == null ? Json.object() : (ObjectNode) config.node());
    }

    private static List<String> strings(ConfigReader r, String field) {
        JsonNode v = r.node().get(field);
        List<String> out = new ArrayList<>();
        if (v == null || v.isNull()) return out;
        if (!v.isArray()) {
            r.problem(field, "must be a list");
            return out;
        }
        for (JsonNode item : v) out.add(item.isTextual() ? item.textValue() : Json.compact(item));
        return out;
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }
}
