package io.frugal.reproducibility;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frugal.core.store.Json;
import io.frugal.core.store.RunIds;
import io.frugal.core.store.RunStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a run store the way the planner and the classifier trainer do (plan.json, config.json,
 * metrics.jsonl, result.json), with the numbers each test states, so verdicts can be checked
 * against hand-computed intervals.
 */
public final class Store {
    public final Path root;
    private final ObjectNode plan = Json.object();
    private final ArrayNode runs;
    public final List<String> ids = new ArrayList<>();

    public Store(Path root) {
        this.root = root;
        plan.put("format", 1).put("name", "test").put("source", "arXiv:2208.02007").put("manifest", "m.yaml")
                .put("manifest_sha256", "ab".repeat(32)).put("baseline", "baseline");
        plan.putArray("experiments").addObject().put("id", "baseline");
        plan.putArray("datasets").add("fashion-mnist");
        plan.putArray("seeds");
        runs = plan.putArray("runs");
    }

    public static ObjectNode config(String experiment, long seed, int epochs) {
        ObjectNode c = Json.object();
        c.put("trainer", "classifier").put("experiment", experiment).put("dataset", "fashion-mnist").put("seed", seed)
                .put("epochs", epochs).put("batch_size", 120).put("train_limit", 240).put("test_limit", 100);
        c.putObject("model").put("name", "hvc").put("width", 0.125);
        c.putObject("schedule").put("type", "full");
        return c;
    }

    /** A done run with final top-1 {@code top1} over {@code epochs} epochs, each of {@code secondsPerEpoch} training seconds. */
    public String done(String experiment, long seed, double top1, long evaluations, double secondsPerEpoch) throws IOException {
        return done(experiment, seed, top1, evaluations, secondsPerEpoch, Json.object());
    }

    /** The same with matrix values (axis → value), which become part of the config and so of the run id. */
    public String done(String experiment, long seed, double top1, long evaluations, double secondsPerEpoch, ObjectNode matrix)
            throws IOException {
        int epochs = 2;
        ObjectNode c = config(experiment, seed, epochs);
        if (!matrix.isEmpty()) c.set("matrix", matrix.deepCopy());
        String id = RunIds.of(c);
        ObjectNode run = runs.addObject();
        run.put("id", id).put("experiment", experiment).put("dataset", "fashion-mnist").put("seed", seed);
        run.set("matrix", matrix.deepCopy());
        run.put("epochs", epochs).put("train_size", 240).put("planned_evaluations", evaluations).put("baseline_evaluations", 480)
                .put("evaluation_ratio", evaluations / 480.0);
        run.set("config", c);
        Path dir = new RunStore(root).run(id).dir();
        Files.createDirectories(dir);
        Json.writeAtomically(dir.resolve("config.json"), c);
        StringBuilder m = new StringBuilder();
        for (int e = 1; e <= epochs; e++) {
            m.append(Json.compact(Json.object().put("epoch", e).put("evaluations", evaluations * e / epochs)
                    .put("top1", e == epochs ? top1 : top1 - 0.1).put("train_seconds", secondsPerEpoch))).append('\n');
        }
        Files.writeString(dir.resolve("metrics.jsonl"), m);
        ObjectNode r = Json.object();
        r.put("status", "done").put("run_id", id).put("experiment", experiment).put("dataset", "fashion-mnist").put("seed", seed)
                .put("final_top1", top1).put("best_top1", top1).put("best_epoch", epochs).put("epochs", epochs)
                .put("evaluations", evaluations).put("planned_evaluations", evaluations).put("train_seconds", secondsPerEpoch * epochs)
                .put("eval_seconds", 1.0).put("wall_seconds", secondsPerEpoch * epochs + 2).put("resumes", 0).put("finished_at", "2026-12-01T20:00:00Z");
        Json.writeAtomically(dir.resolve("result.json"), r);
        ids.add(id);
        return id;
    }

    public Store experiment(String id) {
        ((ArrayNode) plan.get("experiments")).addObject().put("id", id);
        return this;
    }

    public Path write() {
        Json.writeAtomically(root.resolve("plan.json"), plan);
        return root;
    }

    public Path dir(String id) {
        return new RunStore(root).run(id).dir();
    }
}
