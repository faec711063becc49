package io.frugal.harness.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.frugal.harness.manifest.Cli;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The flow kind's config checks as a user meets them: every bad value of a flow manifest is
 * reported at the FILE:LINE:COL where it was written, with its pointer, exit 2, nothing written;
 * the repository's flow-mixture manifest is valid in every profile.
 */
class FlowManifestTest {
    @TempDir
    Path dir;

    static final String VALID = """
            name: f
            defaults:
              trainer: flow
              points: 16
              grid_size: 6
              steps: 30
              samples: 200
            datasets: [gaussian-mixture-d100, gaussian-mixture]
            seeds: [1]
            experiments:
              - id: even
                schedule: {type: uniform}
                dimension: 100
                uturn_samples: 40
              - id: dilated
                schedule: {type: dilated, kappa: 2}
                dimension: 100
              - id: exact
                field: exact
                dimension: 100
              - id: aware
                dimension: 100
                schedule: {type: uniform}
                phase_window: {share: 0.5}
                needs: {uturn: even}
            """;

    private List<String> problems(String text) {
        Path m = Cli.write(dir, "m.yaml", text);
        List<String> before = Cli.tree(dir);
        Cli v = Cli.run("validate", m.toString());
        assertThat(v.code).as(v.err).isEqualTo(2);
        assertThat(v.out).isEmpty();
        assertThat(Cli.tree(dir)).isEqualTo(before);
        List<String> lines = v.err.lines().map(l -> l.replace(m.toString(), "m.yaml")).toList();
        assertThat(lines.get(lines.size() - 1)).endsWith("nothing was written");
        return lines.subList(0, lines.size() - 1);
    }

    @Test
    void theValidManifestIsValid() {
        Cli v = Cli.run("validate", Cli.write(dir, "m.yaml", VALID).toString());
        assertThat(v.code).as(v.err).isZero();
        assertThat(v.out).isEqualTo("OK: 8 runs\n");
    }

    @Test
    void eachBadValueIsLocatedWhereItWasWritten() {
        String bad = VALID.replace("  points: 16\n", "  points: 16\n  p: 1.5\n")
                .replace("schedule: {type: dilated, kappa: 2}", "schedule: {type: dilated, kappa: 20}")
                .replace("field: exact", "field: magic")
                .replace("phase_window: {share: 0.5}", "phase_window: {share: 1.5, width: 2}");
        assertThat(problems(bad)).containsExactlyInAnyOrder(
                "m.yaml:5:3: /defaults/p: must be in (0.0, 1.0), got 1.5",
                "m.yaml:17:31: /experiments/1/schedule/kappa: must be below sqrt(d) = 10.00 (tau at t = 1 is kappa/sqrt(d) and must stay below 1), got 20.0",
                "m.yaml:20:5: /experiments/2/field: must be one of exact, learned, got 'magic'",
                "m.yaml:25:20: /experiments/3/phase_window/share: must be in (0, 1], got 1.5",
                "m.yaml:25:32: /experiments/3/phase_window/width: unknown key 'width' (known here: share)");
    }

    @Test
    void aDimensionThatContradictsTheDatasetNameAndAMissingOneAreProblems() {
        String bad = VALID.replace("""
                  - id: dilated
                    schedule: {type: dilated, kappa: 2}
                    dimension: 100
                """, """
                  - id: dilated
                    schedule: {type: dilated, kappa: 2}
                    dimension: 300
                  - id: nodim
                    schedule: {type: uniform}
                """);
        List<String> p = problems(bad);
        assertThat(p).anyMatch(l -> l.startsWith("m.yaml:17:") && l.contains("/experiments/1/dimension") && l.contains("fixes d = 100"));
        // the plain dataset needs the key; the named one supplies it
        assertThat(p).anyMatch(l -> l.contains("/experiments/2") && l.contains("dimension") && l.contains("is required with dataset gaussian-mixture"));
    }

    @Test
    void unknownKeysOfTheOtherKindAreProblems() {
        List<String> p = problems(VALID.replace("  samples: 200\n", "  samples: 200\n  epochs: 3\n"));
        assertThat(p).anyMatch(l -> l.startsWith("m.yaml:8:") && l.contains("/defaults/epochs") && l.contains("unknown key"));
    }

    @Test
    void theRepositoryManifestIsValidInEveryProfile() {
        Path m = Cli.repoManifest("flow-mixture.yaml");
        Cli paper = Cli.run("validate", m.toString());
        assertThat(paper.code).as(paper.err).isZero();
        assertThat(paper.out).isEqualTo("OK: 100 runs\n");
        Cli cpu = Cli.run("validate", m.toString(), "--profile", "cpu");
        assertThat(cpu.code).as(cpu.err).isZero();
        assertThat(cpu.out).isEqualTo("OK: 30 runs\n");
    }
}
