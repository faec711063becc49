package io.frugal.analysis;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frugal.core.store.Json;
import io.frugal.core.store.RunStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Builds a run store by hand, the way the planner and trainers write it: plan.json with its runs,
 * then result.json / failure.json / partial files per run. Tests state every number they check.
 */
public final class StoreFixture {
    public static final String MANIFEST_SHA = "ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12";
    private final RunStore store;
    private final ObjectNode plan = Json.object();
    private final ArrayNode runs;
    private int slurmJobs;

    public StoreFixture(Path root) {
        store = new RunStore(root);
        plan.put("format", 1);
        plan.put("name", "data-reduction");
        plan.put("source", "arXiv:2208.02007");
        plan.put("manifest", "manifests/data-reduction.yaml");
        plan.put("manifest_sha256", MANIFEST_SHA);
        plan.put("profile", "smoke");
        plan.putArray("overrides").add("epochs=2");
        plan.put("baseline", "baseline");
        ArrayNode exps = plan.putArray("experiments");
        for (String e : new String[] {"baseline", "step-E1", "step-E2"}) exps.addObject().put("id", e).put("note", "");
        plan.putArray("datasets").add("mnist").add("cifar10");
        plan.putArray("seeds").add(1).add(2).add(3);
        runs = plan.putArray("runs");
    }

    /**
     * The store most report tests read: mnist (baseline 3/3, step-E1 2/3 with one failure, step-E2
     * 1/2 with one not started) and cifar10 (2/2 each), planned in an order the table must not follow.
     */
    public static StoreFixture twoDatasets(Path out) {
        return new StoreFixture(out)
                .planned("c-b1", "cifar10", "baseline", 1, 16000).planned("c-b2", "cifar10", "baseline", 2, 16000)
                .planned("c-s1", "cifar10", "step-E1", 1, 7000).planned("c-s2", "cifar10", "step-E1", 2, 7000)
                .planned("m-s1", "mnist", "step-E1", 1, 7000).planned("m-s2", "mnist", "step-E1", 2, 7000)
                .planned("m-s3", "mnist", "step-E1", 3, 7000)
                .planned("m-b1", "mnist", "baseline", 1, 16000).planned("m-b2", "mnist", "baseline", 2, 16000)
                .planned("m-b3", "mnist", "baseline", 3, 16000)
                .planned("m-e1", "mnist", "step-E2", 1, 10000).planned("m-e2", "mnist", "step-E2", 2, 10000)
                .done("c-b1", 0.70, 0.72, 16000, 200, 230).done("c-b2", 0.74, 0.75, 16000, 220, 250)
                .done("c-s1", 0.66, 0.67, 7000, 90, 110).done("c-s2", 0.69, 0.70, 7000, 100, 120)
                .done("m-s1", 0.95, 0.96, 7000, 45, 60).done("m-s2", 0.96, 0.965, 7000, 50, 65)
                .failed("m-s3", 1, "CUDA out of memory\nat line 3")
                .done("m-b1", 0.97, 0.975, 16000, 100, 130).done("m-b2", 0.98, 0.985, 16000, 110, 140)
                .done("m-b3", 0.99, 0.99, 16000, 120, 150)
                .done("m-e1", 0.94, 0.95, 10000, 60, 75)
                .write();
    }

    public RunStore store() {
        return store;
    }

    public ObjectNode plan() {
        return plan;
    }

    /** Plans a run with no matrix values. */
    public StoreFixture planned(String id, String dataset, String experiment, long seed, long plannedEvaluations) {
        return planned(id, dataset, experiment, seed, plannedEvaluations, Map.of());
    }

    public StoreFixture planned(String id, String dataset, String experiment, long seed, long plannedEvaluations,
            Map<String, Object> matrix) {
        ObjectNode r = runs.addObject();
        r.put("id", id).put("experiment", experiment).put("dataset", dataset).put("seed", seed);
        r.set("matrix", Json.MAPPER.valueToTree(matrix));
        r.put("epochs", 2).put("train_size", 2000).put("planned_evaluations", plannedEvaluations)
                .put("baseline_evaluations", 4000).put("evaluation_ratio", plannedEvaluations / 4000.0);
        r.putObject("config");
        return this;
    }

    /** A done run: result.json as the trainer writes it. */
    public StoreFixture done(String id, double finalTop1, double bestTop1, long evaluations, double trainSeconds,
            double wallSeconds) {
        ObjectNode planned = find(id);
        ObjectNode r = Json.object();
        r.put("status", "done").put("run_id", id).put("experiment", planned.get("experiment").textValue())
                .put("dataset", planned.get("dataset").textValue()).put("seed", planned.get("seed").asLong())
                .put("epochs", 2).put("final_top1", finalTop1).put("best_top1", bestTop1).put("best_epoch", 2)
                .put("evaluations", evaluations).put("planned_evaluations", planned.get("planned_evaluations").asLong())
                .put("train_seconds", trainSeconds).put("eval_seconds", 1.5).put("wall_seconds", wallSeconds)
                .put("resumes", 0).put("finished_at", "2025-01-01T00:00:00Z");
        return file(id, "result.json", Json.pretty(r));
    }

    /** slurm.json as the harness writes it for a done run that SLURM executed (job ids made up). */
    public StoreFixture slurm(String id, int restarts, long elapsedFinalSeconds, long elapsedTotalSeconds,
            long queueWaitSeconds) {
        find(id);
        ObjectNode a = Json.object();
        a.put("job_id", "4242_" + slurmJobs++).put("state", "COMPLETED").put("restarts", restarts)
                .put("elapsed_final_seconds", elapsedFinalSeconds).put("elapsed_total_seconds", elapsedTotalSeconds)
                .put("queue_wait_seconds", queueWaitSeconds).put("log", "slurm/x/logs/4242_0.out");
        return file(id, "slurm.json", Json.pretty(a));
    }

    /**
     * energy.json in the format the trainer process writes (one attempt): {@code source} rapl or
     * cpu-seconds, co2 = kwh × grid / 1000 as the writer computes it.
     */
    public StoreFixture energy(String id, String source, double kwh, double cpuSeconds, double wattsPerCore, double gridGramsPerKwh) {
        find(id);
        ObjectNode e = Json.object();
        e.put("format", 1).put("source", source).put("energy_kwh", kwh).put("co2_kg", kwh * gridGramsPerKwh / 1000)
                .put("grid_g_co2_per_kwh", gridGramsPerKwh).put("grid_source", "stated default 400 g CO2/kWh")
                .put("cpu_seconds", cpuSeconds).put("watts_per_core", wattsPerCore);
        if ("rapl".equals(source)) e.put("rapl_joules", kwh * 3.6e6); else e.putNull("rapl_joules");
        e.putNull("gpu_joules").put("gpu_samples", 0)
                .put("assumptions", "rapl".equals(source) ? "RAPL package energy of the whole machine over the attempt"
                        : "CPU seconds of the trainer process x " + wattsPerCore + " W per core (stated)");
        e.putArray("attempts").addObject().put("source", source).put("energy_kwh", kwh).put("cpu_seconds", cpuSeconds);
        return file(id, "energy.json", Json.pretty(e));
    }

    public StoreFixture failed(String id, int exitCode, String message) {
        ObjectNode f = Json.object();
        f.put("run_id", id).put("exit_code", exitCode).put("message", message).put("log", "runs/" + id + "/log.txt")
                .put("at", "2025-01-01T00:00:00Z");
        return file(id, "failure.json", Json.pretty(f));
    }

    /** Writes any file into a run directory (partial metrics, a damaged result, a provenance record). */
    public StoreFixture file(String id, String name, String content) {
        try {
            Path dir = store.run(id).dir();
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public StoreFixture write() {
        try {
            Files.createDirectories(store.root());
            Files.writeString(store.plan(), Json.pretty(plan));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    private ObjectNode find(String id) {
        for (int i = 0; i < runs.size(); i++) {
            if (runs.get(i).get("id").textValue().equals(id)) return (ObjectNode) runs.get(i);
        }
        throw new IllegalArgumentException("run " + id + " is not planned");
    }
}
