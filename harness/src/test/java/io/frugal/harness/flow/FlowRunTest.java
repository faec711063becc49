package io.frugal.harness.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.frugal.core.kind.KindRun;
import io.frugal.core.kind.KindTable;
import io.frugal.core.kind.TrainerKind;
import io.frugal.core.kind.TrainerKinds;
import io.frugal.core.store.Json;
import io.frugal.core.store.Plan;
import io.frugal.core.store.PlannedRun;
import io.frugal.core.store.ResultFile;
import io.frugal.core.store.RunStore;
import java.util.ArrayList;
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
        // every run's result.json passes the report's validated read (none left out)
        assertThat(report.err).contains("report of 8/8 done runs (0 failed)");

        // the kind's own tables, on these real results (analysis renders them after the generic table)
        Plan plan = Plan.read(out);
        TrainerKind kind = TrainerKinds.get("flow");
        List<KindRun> runs = new ArrayList<>();
        double dilatedMean = 0;
        for (PlannedRun p : plan.runs()) {
            ResultFile.Outcome o = ResultFile.read(new RunStore(out).run(p.id()), p, kind.metrics());
            assertThat(o.problem()).as(p.id()).isNull();
            runs.add(new KindRun(p, o.result()));
            if (p.experiment().equals("dilated")) dilatedMean += o.result().metric("p_hat") / 2;
        }
        Map<String, KindTable> tables = new HashMap<>();
        for (KindTable t : kind.tables(runs)) tables.put(t.id(), t);
        assertThat(tables).containsOnlyKeys("flow-p-hat", "flow-parameters", "flow-uturn", "flow-phase-aware");
        KindTable pHat = tables.get("flow-p-hat");
        assertThat(pHat.rows()).hasSize(1); // one d
        int dilatedColumn = pHat.columns().indexOf("dilated (dilated)");
        assertThat(pHat.numbers().get(0).get(dilatedColumn)).isCloseTo(dilatedMean, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(pHat.rows().get(0).get(dilatedColumn)).startsWith(String.format(java.util.Locale.ROOT, "%.3f ± ", dilatedMean)).contains("(n 2)");
        // parameters only for the dilated learned runs (theory exists there), at the chosen times
        assertThat(tables.get("flow-parameters").rows()).allMatch(r -> r.get(0).equals("dilated")).isNotEmpty();
        // U-turn rows only for the runs that measured it (only the even-grid experiment asked for it)
        assertThat(tables.get("flow-uturn").rows()).extracting(r -> r.get(0)).containsExactly("even (uniform)");
        List<String> phase = tables.get("flow-phase-aware").rows().get(0);
        assertThat(phase.subList(0, 4)).containsExactly("30", "even", "aware", Long.toString(40L * 32 * 6));
    }
}
