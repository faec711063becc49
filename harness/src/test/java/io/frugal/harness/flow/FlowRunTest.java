package io.frugal.harness.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.frugal.core.store.Json;
import io.frugal.harness.manifest.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny flow manifest through {@code frugal run} on the local executor (real trainer JVMs, real
 * training) and {@code frugal report}: every run leaves a result.json the report accepts, the
 * phase-aware run waits for the run it needs and trains on that run's U-turn window at the same
 * budget, and the kind's tables hold the runs' numbers.
 */
class FlowRunTest {
    @TempDir
    Path tmp;

    @Test
    void aTinyFlowManifestRunsEndToEndAndItsTablesHoldTheRunsNumbers() throws IOException {
        Path manifest = Cli.write(tmp, "flow.yaml", """
                name: tiny-flow
                defaults:
                  trainer: flow
                  points: 32
                  grid_size: 6
                  steps: 40
                  samples: 400
                  exact_euler_steps: 50
                  checkpoint_every: 15
                  eval_every: 10
                  resources: {cpus: 1}
                datasets: [gaussian-mixture-d30]
                seeds: [1, 2]
                experiments:
                  - id: even
                    schedule: {type: uniform}
                    uturn_samples: 60
                  - id: dilated
                    schedule: {type: dilated, kappa: 2}
                  - id: exact
                    field: exact
                    schedule: {type: dilated, kappa: 2}
                  - id: aware
                    schedule: {type: uniform}
                    phase_window: {share: 0.5}
                    needs: {uturn: even}
                """);
        Path out = tmp.resolve("out");
        Cli run = Cli.run("run", manifest.toString(), "--out", out.toString(), "--jobs", "1");
        assertThat(run.code).as(run.out + run.err).isZero();

        Map<String, JsonNode> byExperiment = new HashMap<>();
        try (Stream<Path> dirs = Files.list(out.resolve("runs"))) {
            for (Path d : dirs.toList()) {
                JsonNode r = Json.read(d.resolve("result.json"));
                for (String key : List.of("status", "run_id", "experiment", "dataset", "seed", "evaluations", "planned_evaluations",
                        "train_seconds", "eval_seconds", "wall_seconds", "resumes", "finished_at", "p_hat", "p_hat_error")) {
                    assertThat(r.has(key)).as(d + " " + key).isTrue();
                }
                assertThat(r.path("p_hat_error").asDouble()).isEqualTo(Math.abs(r.path("p_hat").asDouble() - 0.8));
                if (r.path("seed").asInt() == 1) byExperiment.put(r.path("experiment").asText(), r);
                if (!"exact".equals(r.path("field").asText())) {
                    assertThat(Files.readAllLines(d.resolve("metrics.jsonl"))).hasSize(4); // steps 10, 20, 30, 40
                }
            }
        }
        // the phase-aware grid sits on the needed run's measured U-turn interval, same budget
        JsonNode even = byExperiment.get("even");
        JsonNode aware = byExperiment.get("aware");
        JsonNode window = aware.path("flow").path("settings").path("grid_window");
        JsonNode uturn = even.path("flow").path("uturn");
        double from = Math.min(uturn.path("from_plus").path("switch_window").path(0).asDouble(), uturn.path("from_minus").path("switch_window").path(0).asDouble());
        assertThat(window.path("from").asDouble()).isEqualTo(Math.max(0, from));
        assertThat(window.path("share").asDouble()).isEqualTo(0.5);
        assertThat(aware.path("evaluations").asLong()).isEqualTo(even.path("evaluations").asLong()).isEqualTo(40L * 32 * 6);
        assertThat(byExperiment.get("exact").has("loss")).isFalse();

        Cli report = Cli.run("report", out.toString());
        assertThat(report.code).as(report.err).isZero();
        String md = Files.readString(out.resolve("report/report.md"));
        assertThat(md).contains("Generated mode fraction p-hat against d", "Learned parameters against theory", "U-turn switch interval",
                "Phase-aware against even grid at equal budget");
        // the p-hat cell of seed-1's dilated run is the mean of both seeds' results
        double dilatedMean = 0;
        try (Stream<Path> dirs = Files.list(out.resolve("runs"))) {
            for (Path d : dirs.toList()) {
                JsonNode r = Json.read(d.resolve("result.json"));
                if (r.path("experiment").asText().equals("dilated")) dilatedMean += r.path("p_hat").asDouble() / 2;
            }
        }
        assertThat(md).contains(String.format(java.util.Locale.ROOT, "%.3f ± ", dilatedMean));
        JsonNode json = Json.read(out.resolve("report/report.json"));
        assertThat(json.toString()).contains("flow-p-hat", "flow-parameters", "flow-uturn", "flow-phase-aware");
    }
}
