package io.frugal.harness.plan;

import io.frugal.core.store.Plan;
import io.frugal.core.store.PlannedRun;
import io.frugal.core.store.RunIds;
import static org.assertj.core.api.Assertions.assertThat;

import io.frugal.harness.manifest.Cli;
import io.frugal.core.store.Json;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code frugal plan} prints and writes nothing; {@code frugal validate} counts runs. */
class PlanCommandTest {
    private static final String YAML = """
            name: c
            defaults: {epochs: 4, train_limit: 100}
            datasets: [mnist]
            seeds: [1]
            matrix: {model.width: [0.5, 1]}
            experiments:
              - {id: all, schedule: {type: full}}
              - {id: half, schedule: {type: step, start_fraction: 0.5, full_from: 0.5}}
            profiles:
              p: {epochs: 2}
            """;

    @TempDir
    Path dir;

    @Test
    void printsATableWithASummaryAndWritesNothing() {
        Path m = Cli.write(dir, "m.yaml", YAML);
        Cli c = Cli.run("plan", m.toString(), "--set", "seeds=[1, 2]");
        assertThat(c.code).as(c.err).isZero();
        List<String> lines = c.out.lines().toList();
        assertThat(lines).hasSize(1 + 8 + 1);
        assertThat(lines.get(0)).matches("RUN ID\\s+EXPERIMENT\\s+DATASET\\s+SEED\\s+MATRIX\\s+EPOCHS\\s+N\\s+PLANNED EVALS\\s+RATIO");
        assertThat(lines.get(1)).matches("[0-9a-f]{12}  all\\s+mnist\\s+1  model.width=0.5\\s+4\\s+100\\s+400\\s+1.0000");
        assertThat(lines.get(5)).matches("[0-9a-f]{12}  half\\s+mnist\\s+1  model.width=0.5\\s+4\\s+100\\s+300\\s+0.7500");
        assertThat(lines.get(9)).isEqualTo("8 runs, 2 experiments, 1 datasets, 2 seeds, 2800 planned evaluations (0.8750 of full-data training)");
        assertThat(Cli.tree(dir)).containsExactly("", "m.yaml");
    }

    @Test
    void printsThePlanJsonOnRequest() {
        Path m = Cli.write(dir, "m.yaml", YAML);
        Cli c = Cli.run("plan", m.toString(), "--profile", "p", "--format", "json");
        assertThat(c.code).as(c.err).isZero();
        Plan expected = Planner.plan(m, "p", List.of());
        assertThat(Json.canonical(Json.parse(c.out))).isEqualTo(Json.canonical(expected.toJson()));
        assertThat(Json.parse(c.out).at("/runs/0/matrix/model.width").doubleValue()).isEqualTo(0.5);
        assertThat(Json.parse(c.out).at("/runs/0/config/model/width").doubleValue()).isEqualTo(0.5);
        assertThat(Cli.tree(dir)).containsExactly("", "m.yaml");
    }

    @Test
    void validateCountsRunsForTheProfileAndOverrides() {
        Path m = Cli.write(dir, "m.yaml", YAML);
        assertThat(Cli.run("validate", m.toString()).out).isEqualTo("OK: 4 runs\n");
        assertThat(Cli.run("validate", m.toString(), "--profile", "p", "--set", "seeds=[1,2,3]").out).isEqualTo("OK: 12 runs\n");
    }

    @Test
    void aBadFormatOptionIsBadInput() {
        Path m = Cli.write(dir, "m.yaml", YAML);
        Cli c = Cli.run("plan", m.toString(), "--format", "xml");
        assertThat(c.code).isEqualTo(2);
        assertThat(c.out).isEmpty();
    }
}
