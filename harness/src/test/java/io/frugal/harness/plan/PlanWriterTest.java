package io.frugal.harness.plan;

import io.frugal.core.store.Plan;
import io.frugal.core.store.PlannedRun;
import io.frugal.core.store.RunIds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.frugal.harness.manifest.Cli;
import io.frugal.harness.manifest.ManifestException;
import io.frugal.core.BadInputException;
import io.frugal.core.store.Json;
import io.frugal.core.store.RunStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanWriterTest {
    private static final String YAML = """
            name: w
            defaults: {epochs: 4, resources: {time: "01:00:00"}}
            datasets: [mnist]
            seeds: [1, 2]
            experiments:
              - {id: a, schedule: {type: full}}
            """;

    @TempDir
    Path dir;

    @Test
    void writesEveryRunsConfigAndThePlan() {
        Path m = Cli.write(dir, "m.yaml", YAML);
        RunStore store = new RunStore(dir.resolve("out"));
        Plan plan = Planner.plan(m, null, List.of());
        PlanWriter.write(store, plan);
        assertThat(Json.canonical(Json.read(store.plan()))).isEqualTo(Json.canonical(plan.toJson()));
        for (PlannedRun r : plan.runs()) {
            assertThat(Json.canonical(Json.read(store.run(r.id()).config()))).isEqualTo(Json.canonical(r.config()));
        }
        assertThat(Cli.tree(store.root())).containsExactlyInAnyOrder("", "plan.json", "runs",
                "runs/" + plan.runs().get(0).id(), "runs/" + plan.runs().get(0).id() + "/config.json",
                "runs/" + plan.runs().get(1).id(), "runs/" + plan.runs().get(1).id() + "/config.json");
        // planning again with the same configs is fine (a resumed run)
        PlanWriter.write(store, Planner.plan(m, null, List.of()));
    }

    @Test
    void refusesToChangeAPlannedRunsConfigAndWritesNothing() throws Exception {
        Path m = Cli.write(dir, "m.yaml", YAML);
        RunStore store = new RunStore(dir.resolve("out"));
        PlanWriter.write(store, Planner.plan(m, null, List.of()));
        byte[] planBefore = Files.readAllBytes(store.plan());
        // resources are not hashed: same run ids, different configs
        Plan changed = Planner.plan(m, null, List.of("resources.time=\"02:00:00\"", "seeds=[1, 2, 3]"));
        List<String> before = Cli.tree(store.root());
        assertThatThrownBy(() -> PlanWriter.write(store, changed))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("2 run(s) of this plan were planned before with a different config")
                .hasMessageContaining("differs at /resources/time (was \"01:00:00\", now \"02:00:00\")");
        assertThat(Cli.tree(store.root())).isEqualTo(before);
        assertThat(Files.readAllBytes(store.plan())).isEqualTo(planBefore);
    }

    /**
     * Configs are written in place under the planning mark, so an interrupted extension of a store
     * may leave a new run's config cut short beside the committed plan.json: planning again rewrites
     * it whole, while a committed run's config is still compared, and one that differs is refused.
     */
    @Test
    void planningAgainRewritesWhatAnInterruptedPlanLeftAndKeepsCommittedConfigs() throws Exception {
        Path m = Cli.write(dir, "m.yaml", YAML);
        RunStore store = new RunStore(dir.resolve("out"));
        Plan first = Planner.plan(m, null, List.of());
        PlanWriter.write(store, first);
        Plan extended = Planner.plan(m, null, List.of("seeds=[1, 2, 3]"));
        PlannedRun added = extended.runs().stream().filter(r -> first.run(r.id()) == null).findFirst().orElseThrow();
        // what a planner killed while writing the extension leaves: the mark, and the new config cut short
        Files.writeString(store.planning(), "{}");
        Files.createDirectories(store.run(added.id()).dir());
        Files.writeString(store.run(added.id()).config(), "{\n  \"experiment\" : \"a");

        PlanWriter.write(store, extended);
        assertThat(Files.readAllBytes(store.run(added.id()).config())).isEqualTo(io.frugal.core.store.ConfigFile.bytes(added.config()));
        assertThat(store.planning()).doesNotExist();
        assertThat(Plan.read(store.root()).runs()).hasSize(3);

        // a committed run's config is never rewritten, also under a mark: changed, it is refused
        PlannedRun committed = first.runs().get(0);
        Files.writeString(store.planning(), "{}");
        Files.writeString(store.run(committed.id()).config(), "{}\n");
        assertThatThrownBy(() -> PlanWriter.write(store, extended)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("1 run(s) of this plan were planned before with a different config");
        assertThat(Files.readString(store.run(committed.id()).config())).isEqualTo("{}\n");
    }

    @Test
    void anInvalidManifestLeavesTheOutputFolderUntouched() {
        Path m = Cli.write(dir, "m.yaml", YAML.replace("epochs: 4", "epochs: 0"));
        RunStore store = new RunStore(dir.resolve("out"));
        assertThatThrownBy(() -> PlanWriter.write(store, Planner.plan(m, null, List.of())))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining(m + ":2:12: /defaults/epochs: must be positive, got 0");
        assertThat(Files.exists(store.root())).isFalse();
    }
}
