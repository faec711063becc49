package io.frugal.analysis.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.frugal.core.BadInputException;
import io.frugal.core.config.ConfigProblem;
import io.frugal.core.config.ConfigReader;
import io.frugal.core.store.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads plan.json. Without a usable plan nothing can be reported, so every problem here is bad
 * input, all of them listed in one message with the file and the JSON pointer. Keys this reader
 * does not know are allowed: the planner may record more than a report needs.
 */
public final class PlanReader {
    /** The plan format this reader understands; a newer one was written by a newer frugal. */
    public static final int FORMAT = 1;
    // A run id names a directory under runs/: no separators, no "..", nothing hidden.
    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private PlanReader() {}

    public static PlanInfo read(Path planFile) {
        String text;
        try {
            text = Files.readString(planFile, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new BadInputException("not a frugal output folder: no plan.json in " + planFile.getParent());
        } catch (IOException e) {
            throw new BadInputException("cannot read " + planFile + ": " + e.getMessage(), e);
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new BadInputException(planFile + ": not valid JSON: " + ResultReader.describe(e), e);
        }
        if (root == null || !root.isObject()) {
            throw new BadInputException(planFile + ": must be a JSON object");
        }
        List<ConfigProblem> problems = new ArrayList<>();
        PlanInfo plan = parse(ConfigReader.root(root, problems));
        if (!problems.isEmpty()) {
            throw new BadInputException(problems.stream().map(p -> planFile + ": " + p)
                    .collect(Collectors.joining("\n")));
        }
        return plan;
    }

    private static PlanInfo parse(ConfigReader r) {
        r.integer("format", FORMAT, true, FORMAT, FORMAT);
        List<String> experiments = new ArrayList<>();
        JsonNode exps = r.node().get("experiments");
        if (exps != null && exps.isArray()) {
            for (JsonNode e : exps) {
                if (e.isObject() && e.path("id").isTextual()) experiments.add(e.get("id").textValue());
            }
        }
        List<PlannedRun> runs = new ArrayList<>();
        JsonNode runsNode = r.node().get("runs");
        if (runsNode == null || !runsNode.isArray()) {
            r.problem("runs", runsNode == null ? "is required" : "must be a list");
        } else {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < runsNode.size(); i++) {
                ConfigReader run = new ConfigReader(runsNode.get(i), r.at("runs") + "/" + i, r.problems());
                if (!runsNode.get(i).isObject()) {
                    run.problem(null, "must be an object");
                    continue;
                }
                PlannedRun p = parseRun(run);
                if (p.id() != null && !seen.add(p.id())) run.problem("id", "run id '" + p.id() + "' appears twice");
                runs.add(p);
            }
        }
        return new PlanInfo(r.string("name", null, false), r.string("source", null, false),
                r.string("manifest", null, false), r.string("manifest_sha256", null, false),
                r.string("profile", null, false), strings(r, "overrides"), r.string("baseline", null, false),
                experiments, strings(r, "datasets"), runs);
    }

    private static PlannedRun parseRun(ConfigReader run) {
        String id = run.string("id", null, true);
        if (id != null && !RUN_ID.matcher(id).matches()) {
            run.problem("id", "'" + id + "' cannot name a run directory");
        }
        return new PlannedRun(id, run.string("experiment", null, true), run.string("dataset", null, true),
                run.integer("seed", 0, true, Long.MIN_VALUE, Long.MAX_VALUE), matrix(run),
                run.integer("epochs", 0, false, 0, Long.MAX_VALUE),
                run.integer("train_size", 0, false, 0, Long.MAX_VALUE),
                run.integer("planned_evaluations", 0, true, 0, Long.MAX_VALUE),
                run.integer("baseline_evaluations", 0, false, 0, Long.MAX_VALUE),
                run.number("evaluation_ratio", Double.NaN, false, 0, false, Double.MAX_VALUE));
    }

    private static Map<String, String> matrix(ConfigReader run) {
        ConfigReader m = run.object("matrix", false);
        Map<String, String> out = new TreeMap<>();
        if (m.node() == null) return out;
        Iterator<Map.Entry<String, JsonNode>> fields = m.node().fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            JsonNode v = f.getValue();
            out.put(f.getKey(), v.isValueNode() ? v.asText() : Json.compact(v));
        }
        return out;
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
}
