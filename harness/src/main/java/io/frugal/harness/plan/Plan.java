package io.frugal.harness.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frugal.core.BadInputException;
import io.frugal.core.store.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * An expanded manifest: what {@code OUT/plan.json} holds (format 1; other modules read these names).
 *
 * @param manifest the manifest path as it was given
 * @param profile  the profile used, or null
 * @param overrides the {@code --set} options as given, in order
 * @param baseline the experiment that others are compared against, or null
 */
public record Plan(String name, String source, String manifest, String manifestSha256, String profile,
                   List<String> overrides, String baseline, List<ExperimentEntry> experiments,
                   List<String> datasets, List<Long> seeds, List<PlannedRun> runs) {
    public static final int FORMAT = 1;

    /** An experiment of the manifest, in manifest order; note is free text or null. */
    public record ExperimentEntry(String id, String note) {}

    public long totalPlannedEvaluations() {
        return runs.stream().mapToLong(PlannedRun::plannedEvaluations).sum();
    }

    public long totalBaselineEvaluations() {
        return runs.stream().mapToLong(PlannedRun::baselineEvaluations).sum();
    }

    public ObjectNode toJson() {
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
        ArrayNode rs = o.putArray("runs");
        runs.forEach(r -> rs.add(r.toJson()));
        return o;
    }

    /** Reads a plan written by {@link #toJson}; a plan of another format is bad input. */
    public static Plan fromJson(JsonNode o) {
        if (o.path("format").asInt(-1) != FORMAT) {
            throw new BadInputException("plan.json has format " + o.path("format") + "; this frugal reads format " + FORMAT);
        }
        List<ExperimentEntry> exps = new ArrayList<>();
        o.get("experiments").forEach(e -> exps.add(new ExperimentEntry(e.get("id").asText(), text(e.get("note")))));
        List<String> overrides = new ArrayList<>();
        o.get("overrides").forEach(s -> overrides.add(s.asText()));
        List<String> datasets = new ArrayList<>();
        o.get("datasets").forEach(d -> datasets.add(d.asText()));
        List<Long> seeds = new ArrayList<>();
        o.get("seeds").forEach(s -> seeds.add(s.asLong()));
        List<PlannedRun> runs = new ArrayList<>();
        o.get("runs").forEach(r -> runs.add(PlannedRun.fromJson(r)));
        return new Plan(text(o.get("name")), text(o.get("source")), text(o.get("manifest")), text(o.get("manifest_sha256")),
                text(o.get("profile")), overrides, text(o.get("baseline")), exps, datasets, seeds, runs);
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }
}
