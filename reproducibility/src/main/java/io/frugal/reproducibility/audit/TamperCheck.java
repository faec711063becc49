package io.frugal.reproducibility.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.frugal.analysis.store.RunRecord;
import io.frugal.analysis.store.StoreSnapshot;
import io.frugal.core.kind.MetricSchema;
import io.frugal.core.kind.TrainerKinds;
import io.frugal.core.store.ConfigFile;
import io.frugal.core.store.Json;
import io.frugal.core.store.MetricsFile;
import io.frugal.core.store.RunDirectory;
import io.frugal.core.store.RunIds;
import io.frugal.core.store.RunStore;
import io.frugal.reproducibility.DigestCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks every done run of a store for what would make its numbers untrustworthy:
 * <ul>
 *   <li>a dataset file whose sha256 now differs from the one provenance recorded (or is gone);
 *   <li>a config.json that differs from plan.json's copy, or whose hash is no longer the run id;
 *   <li>a result.json that disagrees with metrics.jsonl: the number of points (the kind's progress
 *       points), the evaluations of the last point, the summed train seconds, and each result metric
 *       {@code final_K} against the last point's {@code K} and {@code best_K} against the best
 *       point's {@code K} (the kinds' naming convention), where the points carry K;
 *   <li>a run trained from a git tree with uncommitted edits (provenance's code.dirty).
 * </ul>
 */
public final class TamperCheck {
    private final DigestCache cache;

    public TamperCheck(DigestCache cache) {
        this.cache = cache;
    }

    public List<Tampering> check(StoreSnapshot snapshot) {
        RunStore store = new RunStore(snapshot.root());
        List<Tampering> out = new ArrayList<>();
        for (RunRecord r : snapshot.runs()) {
            RunDirectory dir = store.run(r.id());
            if (ConfigFile.exists(dir)) config(r, dir, out);
            if (!r.isDone()) continue;
            provenance(r, dir, out);
            metrics(r, dir, out);
        }
        return out;
    }

    private static void config(RunRecord r, RunDirectory dir, List<Tampering> out) {
        JsonNode config;
        try {
            config = ConfigFile.read(dir);
        } catch (RuntimeException e) {
            out.add(new Tampering(r.id(), Tampering.Kind.CONFIG_EDITED, "config.json unreadable: " + e.getMessage()));
            return;
        }
        String id = RunIds.of(config);
        if (!Json.canonical(config).equals(Json.canonical(r.planned().config()))) {
            out.add(new Tampering(r.id(), Tampering.Kind.CONFIG_EDITED, "config.json differs from plan.json's config"
                    + (id.equals(r.id()) ? "" : " and hashes to " + id + ", not the run id")));
        } else if (!id.equals(r.id())) {
            out.add(new Tampering(r.id(), Tampering.Kind.CONFIG_EDITED, "config hashes to " + id + ", not the run id"));
        }
    }

    private void provenance(RunRecord r, RunDirectory dir, List<Tampering> out) {
        if (!Files.isRegularFile(dir.provenance())) {
            out.add(new Tampering(r.id(), Tampering.Kind.PROVENANCE_MISSING, "no provenance.json: data and code cannot be checked"));
            return;
        }
        JsonNode p;
        try {
            p = Json.read(dir.provenance());
        } catch (RuntimeException e) {
            out.add(new Tampering(r.id(), Tampering.Kind.PROVENANCE_MISSING, "provenance.json unreadable: " + e.getMessage()));
            return;
        }
        if (p.path("code").path("dirty").asBoolean(false)) {
            String hash = p.path("code").path("diff_sha256").asText("");
            out.add(new Tampering(r.id(), Tampering.Kind.DIRTY_TREE, "commit " + p.path("code").path("commit").asText("?")
                    + " with uncommitted edits" + (hash.isEmpty() ? "" : " (diff sha256 " + hash.substring(0, Math.min(12, hash.length())) + ")")));
        }
        for (JsonNode f : p.path("dataset_files")) {
            String path = f.path("path").asText(null);
            if (path == null) continue;
            String recorded = f.path("sha256").asText();
            try {
                String now = cache.state(Path.of(path)).sha256();
                if (!now.equals(recorded)) {
                    out.add(new Tampering(r.id(), Tampering.Kind.DATASET_CHANGED, path + ": sha256 was " + recorded.substring(0, 12)
                            + "..., is now " + now.substring(0, 12) + "..."));
                }
            } catch (IOException e) {
                out.add(new Tampering(r.id(), Tampering.Kind.DATASET_CHANGED, path + ": recorded with sha256 " + recorded.substring(0, Math.min(12, recorded.length()))
                        + "..., now unreadable or gone"));
            }
        }
    }

    private static void metrics(RunRecord r, RunDirectory dir, List<Tampering> out) {
        List<JsonNode> points = new ArrayList<>();
        try {
            for (String line : MetricsFile.lines(dir.metrics())) points.add(Json.MAPPER.readTree(line));
        } catch (IOException | RuntimeException e) {
            out.add(new Tampering(r.id(), Tampering.Kind.RESULT_MISMATCH, "metrics.jsonl unreadable: " + e.getMessage()));
            return;
        }
        var kind = TrainerKinds.of(r.planned().config());
        long expected = kind.progressPoints(r.planned().config());
        JsonNode result = r.result().raw();
        List<String> problems = new ArrayList<>();
        if (expected > 0 && points.size() != expected) problems.add(points.size() + " points, the run plans " + expected);
        if (!points.isEmpty()) {
            JsonNode last = points.get(points.size() - 1);
            if (last.path("evaluations").isNumber() && last.get("evaluations").asLong() != r.result().evaluations()) {
                problems.add("evaluations " + r.result().evaluations() + " but the last point says " + last.get("evaluations").asLong());
            }
            if (points.stream().allMatch(pt -> pt.path("train_seconds").isNumber())) {
                // per-epoch seconds (the classifier's) sum to the result's; running totals (the byol kind's,
                // rising at every point) end at it
                double[] seconds = points.stream().mapToDouble(pt -> pt.get("train_seconds").asDouble()).toArray();
                double sum = java.util.Arrays.stream(seconds).sum();
                double res = r.result().trainSeconds();
                boolean running = seconds.length > 1 && java.util.stream.IntStream.range(1, seconds.length).allMatch(i -> seconds[i] > seconds[i - 1]);
                boolean sumMatches = sameSeconds(sum, res);
                if (!sumMatches && !(running && sameSeconds(seconds[seconds.length - 1], res))) {
                    problems.add("train_seconds " + res + " but the points sum to " + sum + (running ? " and the last running total is "
                            + seconds[seconds.length - 1] : ""));
                }
            }
            MetricSchema schema = kind.metrics();
            for (MetricSchema.Metric m : schema.all()) {
                double v = r.result().metric(m.key());
                String base = m.key().startsWith("final_") ? m.key().substring(6) : m.key().startsWith("best_") ? m.key().substring(5) : m.key();
                if (points.stream().noneMatch(pt -> pt.path(base).isNumber())) continue;
                double want;
                if (m.key().startsWith("best_")) {
                    var s = points.stream().filter(pt -> pt.path(base).isNumber()).mapToDouble(pt -> pt.get(base).asDouble());
                    want = m.higherIsBetter() ? s.max().orElse(Double.NaN) : s.min().orElse(Double.NaN);
                } else {
                    if (!last.path(base).isNumber()) continue;
                    want = last.get(base).asDouble();
                }
                if (Double.compare(v, want) != 0) problems.add(m.key() + " " + v + " but metrics.jsonl gives " + want);
            }
        }
        if (!problems.isEmpty()) out.add(new Tampering(r.id(), Tampering.Kind.RESULT_MISMATCH, String.join("; ", problems)));
        if (result == null) out.add(new Tampering(r.id(), Tampering.Kind.RESULT_MISMATCH, "result.json has no content"));
    }

    private static boolean sameSeconds(double a, double b) {
        return Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b)) + 1e-3;
    }
}
