package io.frugal.harness.plan;

import io.frugal.core.store.Plan;
import io.frugal.core.store.PlannedRun;
import io.frugal.core.store.RunIds;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.frugal.harness.manifest.Cli;
import io.frugal.core.store.Json;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlannerTest {
    private static final String YAML = """
            name: small
            source: test
            defaults:
              epochs: 8
              model: {name: hvc, width: 0.5}
              optimizer: {lr: 1.0e-3}
              resources: {gpus: 1, time: "01:00:00"}
            datasets: [mnist, cifar10]
            seeds: [3, 1]
            matrix:
              batch_size: [60, 120]
            experiments:
              - id: full
                note: all data
                schedule: {type: full}
              - id: half
                seeds: [1]
                schedule: {type: step, start_fraction: 0.5, full_from: 0.5}
            profiles:
              tiny: {epochs: 4, train_limit: 1000, model: {width: 0.25}, seeds: [1, 2], optimizer: {decay_per_epoch: 0.9}}
            """;

    @TempDir
    Path dir;

    private static String canonical(String json) {
        return Json.canonical(Json.parse(json));
    }

    private Plan plan(String profile, String... sets) {
        return Planner.plan(Cli.write(dir, "m.yaml", YAML), profile, List.of(sets));
    }

    @Test
    void theGridIsInExperimentDatasetMatrixSeedOrder() {
        List<String> order = plan(null).runs().stream()
                .map(r -> r.experiment() + "/" + r.dataset() + "/" + r.matrix().get("batch_size") + "/" + r.seed()).toList();
        assertThat(order).containsExactly(
                "full/mnist/60/3", "full/mnist/60/1", "full/mnist/120/3", "full/mnist/120/1",
                "full/cifar10/60/3", "full/cifar10/60/1", "full/cifar10/120/3", "full/cifar10/120/1",
                "half/mnist/60/1", "half/mnist/120/1", "half/cifar10/60/1", "half/cifar10/120/1");
    }

    @Test
    void aResolvedConfigIsDefaultsThenExperimentWithGridKeysAndMatrix() {
        PlannedRun r = plan(null).runs().get(8);
        assertThat(Json.canonical(r.config())).isEqualTo(canonical("""
                {"experiment": "half", "dataset": "mnist", "seed": 1, "epochs": 8, "model": {"name": "hvc", "width": 0.5},
                 "optimizer": {"lr": 0.001}, "resources": {"gpus": 1, "time": "01:00:00"},
                 "schedule": {"type": "step", "start_fraction": 0.5, "full_from": 0.5},
                 "batch_size": 60, "matrix": {"batch_size": 60}, "threads": 1}
                """));
        assertThat(r.config().fieldNames()).toIterable().startsWith("experiment", "dataset", "seed");
        assertThat(r.detail("epochs").asInt()).isEqualTo(8);
        assertThat(r.detail("train_size").asLong()).isEqualTo(60_000);
        assertThat(r.plannedEvaluations()).isEqualTo(4 * 30_000 + 4 * 60_000);
        assertThat(r.baselineEvaluations()).isEqualTo(8 * 60_000);
        assertThat(r.evaluationRatio()).isEqualTo(0.75);
        assertThat(r.id()).isEqualTo(RunIds.of(r.config()));
    }

    @Test
    void aProfileOverridesDefaultsAndExperimentsByDeepMerge() {
        Plan p = plan("tiny");
        assertThat(p.profile()).isEqualTo("tiny");
        assertThat(p.seeds()).containsExactly(1L, 2L);
        PlannedRun r = p.runs().get(0);
        assertThat(r.config().get("epochs").intValue()).isEqualTo(4);
        assertThat(r.config().get("model")).isEqualTo(Json.parse("{\"name\": \"hvc\", \"width\": 0.25}"));
        assertThat(r.config().get("optimizer")).isEqualTo(Json.parse("{\"lr\": 0.001, \"decay_per_epoch\": 0.9}"));
        assertThat(r.detail("train_size").asLong()).isEqualTo(1000);
        // half keeps only its own seed 1 of the profile's [1, 2]
        assertThat(p.runs()).hasSize(2 * 2 * 2 + 2 * 2);
    }

    @Test
    void setOverridesApplyAfterTheProfileInOrder() {
        Plan p = plan("tiny", "epochs=6", "model.width=0.125", "optimizer={lr: 0.01}", "seeds=[7, 1]", "datasets=[fashion-mnist]",
                "epochs=2", "resources.time=\"00:10:00\"");
        assertThat(p.overrides()).containsExactly("epochs=6", "model.width=0.125", "optimizer={lr: 0.01}", "seeds=[7, 1]",
                "datasets=[fashion-mnist]", "epochs=2", "resources.time=\"00:10:00\"");
        assertThat(p.datasets()).containsExactly("fashion-mnist");
        assertThat(p.seeds()).containsExactly(7L, 1L);
        PlannedRun r = p.runs().get(0);
        assertThat(r.config().get("epochs").intValue()).isEqualTo(2);
        assertThat(r.config().at("/model/width").doubleValue()).isEqualTo(0.125);
        assertThat(r.config().get("optimizer")).isEqualTo(Json.parse("{\"lr\": 0.01, \"decay_per_epoch\": 0.9}"));
        assertThat(r.config().at("/resources/time").textValue()).isEqualTo("00:10:00");
        // 'half' is restricted to seed 1 of the overriding seeds
        assertThat(p.runs()).extracting(r2 -> r2.experiment() + "/" + r2.seed() + "/" + r2.matrix().get("batch_size"))
                .containsExactly("full/7/60", "full/1/60", "full/7/120", "full/1/120", "half/1/60", "half/1/120");
    }

    @Test
    void yamlAndJsonManifestsWithTheSameContentGiveTheSamePlan() throws Exception {
        Path yaml = Cli.write(dir, "m.yaml", YAML);
        Path json = Cli.write(dir, "m.json", Json.pretty(new ObjectMapper(new YAMLFactory()).readTree(YAML)));
        ObjectNode a = Planner.plan(yaml, "tiny", List.of("epochs=5")).toJson();
        ObjectNode b = Planner.plan(json, "tiny", List.of("epochs=5")).toJson();
        assertThat(b.get("runs")).isEqualTo(a.get("runs"));
        a.remove(List.of("manifest", "manifest_sha256"));
        b.remove(List.of("manifest", "manifest_sha256"));
        assertThat(b).isEqualTo(a);
    }

    @Test
    void theBaselineIsTheOnlyFullScheduleExperimentUnlessNamed() {
        assertThat(plan(null).baseline()).isEqualTo("full");
        Path named = Cli.write(dir, "n.yaml", YAML.replace("source: test", "source: test\nbaseline: half"));
        assertThat(Planner.plan(named, null, List.of()).baseline()).isEqualTo("half");
        Path none = Cli.write(dir, "o.yaml", YAML.replace("{type: step, start_fraction: 0.5, full_from: 0.5}", "{type: full}"));
        assertThat(Planner.plan(none, null, List.of()).baseline()).isNull();
    }

    @Test
    void planJsonHasTheNamesOtherModulesRead() throws Exception {
        Path m = Cli.write(dir, "m.yaml", YAML);
        Plan p = Planner.plan(m, null, List.of());
        JsonNode j = p.toJson();
        assertThat(j.get("format").intValue()).isEqualTo(1);
        assertThat(j.get("name").textValue()).isEqualTo("small");
        assertThat(j.get("source").textValue()).isEqualTo("test");
        assertThat(j.get("manifest").textValue()).isEqualTo(m.toString());
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(java.nio.file.Files.readAllBytes(m)));
        assertThat(j.get("manifest_sha256").textValue()).isEqualTo(sha);
        assertThat(j.get("profile").isNull()).isTrue();
        assertThat(j.get("overrides").isArray()).isTrue();
        assertThat(j.get("baseline").textValue()).isEqualTo("full");
        assertThat(Json.canonical(j.get("experiments"))).isEqualTo(canonical("[{\"id\": \"full\", \"note\": \"all data\"}, {\"id\": \"half\", \"note\": null}]"));
        assertThat(Json.canonical(j.get("datasets"))).isEqualTo(canonical("[\"mnist\", \"cifar10\"]"));
        assertThat(Json.canonical(j.get("seeds"))).isEqualTo(canonical("[3, 1]"));
        JsonNode run = j.get("runs").get(0);
        assertThat(run.fieldNames()).toIterable().containsExactly("id", "experiment", "dataset", "seed", "matrix", "epochs",
                "train_size", "planned_evaluations", "baseline_evaluations", "evaluation_ratio", "config");
        assertThat(Json.canonical(Plan.fromJson(Json.parse(Json.pretty(j))).toJson())).isEqualTo(Json.canonical(j));
    }
}
