package io.frugal.harness.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import io.frugal.core.store.Json;
import io.frugal.core.store.RunStore;
import io.frugal.harness.manifest.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On SLURM a run computes with its own thread count (part of its id), not with cpus-per-task: the
 * same id asked for with 1 and with 2 CPUs trains to identical numbers, and a run whose count
 * follows resources.cpus gets another id when the CPUs change.
 */
@Tag("slurm")
class SlurmThreadCountTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void cluster() {
        LocalCluster.require();
    }

    @Test
    void theSameIdGivesTheSameNumbersWhateverCpusPerTask() throws Exception {
        Path manifest = Cli.write(tmp, "threads.yaml", SlurmClusterTest.manifest("threads", 2, 300, "[1]", """
                  - id: baseline
                    schedule: {type: full}
                """));
        String profile = ClusterProfileTest.repoFile("jobs/clusters/local.yaml").toString();
        Path one = tmp.resolve("cpus1");
        Path two = tmp.resolve("cpus2");
        Cli a = Cli.run("run", manifest.toString(), "--out", one.toString(), "--executor", "slurm", "--cluster", profile,
                "--set", "threads=1");
        assertThat(a.code).as(a.out + a.err).isZero();
        Cli b = Cli.run("run", manifest.toString(), "--out", two.toString(), "--executor", "slurm", "--cluster", profile,
                "--set", "threads=1", "--set", "resources.cpus=2");
        assertThat(b.code).as(b.out + b.err).isZero();
        List<String> ids = SlurmClusterTest.runIds(manifest);
        assertThat(Json.read(new RunStore(two).plan()).path("runs").get(0).path("id").asText()).isEqualTo(ids.get(0));
        try (Stream<Path> scripts = Files.walk(two.resolve("slurm"))) {
            assertThat(scripts.filter(p -> p.toString().endsWith(".sbatch")).map(p -> {
                try {
                    return Files.readString(p);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList()).anyMatch(s -> s.contains("#SBATCH --cpus-per-task=2"));
        }
        LocalCluster.awaitStatus(one, t -> t.contains("1 done"), Duration.ofMinutes(6));
        LocalCluster.awaitStatus(two, t -> t.contains("1 done"), Duration.ofMinutes(6));
        SlurmClusterTest.assertSameResults(new RunStore(one), new RunStore(two), ids);
        for (Path out : List.of(one, two)) {
            var run = new RunStore(out).run(ids.get(0));
            assertThat(Json.read(run.provenance()).path("engine").path("threads").asInt()).as(out.toString()).isEqualTo(1);
            assertThat(Json.read(run.result()).path("threads").asInt()).isEqualTo(1);
        }

        // without its own threads a run computes with resources.cpus: other CPUs, other id
        String ownCpus = Json.read(new RunStore(one).plan()).path("runs").get(0).path("id").asText();
        Cli planned = Cli.run("plan", manifest.toString(), "--set", "resources.cpus=2", "--format", "json");
        assertThat(planned.code).as(planned.err).isZero();
        assertThat(Json.parse(planned.out).path("runs").get(0).path("id").asText()).isNotEqualTo(ownCpus);
    }
}
