package io.frugal.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.frugal.core.store.Json;
import io.frugal.core.store.RunDirectory;
import io.frugal.core.store.RunStore;
import io.frugal.harness.manifest.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real tiny classifier run on Fashion-MNIST, then {@code frugal verify OUT --rerun 1}: provenance
 * and energy.json are recorded, the store shows no tampering, the re-run and an interrupted-and-
 * resumed re-run are bitwise identical to the original, and the reproduction report is written.
 */
class VerifyAuditTest {
    @TempDir
    Path tmp;

    @Test
    void rerunsOfARealRunAreBitwiseIdenticalAlsoAcrossAnInterruption() throws Exception {
        Path manifest = Cli.write(tmp, "tiny.yaml", """
                name: tiny
                source: arXiv:2208.02007
                defaults: {model: {name: hvc, width: 0.125}, epochs: 4, batch_size: 40, train_limit: 240, test_limit: 80}
                datasets: [fashion-mnist]
                seeds: [1]
                baseline: baseline
                experiments:
                  - {id: baseline, schedule: {type: full}}
                """);
        Path out = tmp.resolve("out");
        Cli run = Cli.run("run", manifest.toString(), "--out", out.toString(), "--jobs", "1", "--threads", "1");
        assertThat(run.code).as(run.out + run.err).isZero();
        RunDirectory dir = new RunStore(out).runs().get(0);

        JsonNode prov = Json.read(dir.provenance());
        assertThat(prov.path("outcome").asText()).isEqualTo("done");
        assertThat(prov.path("config").path("seed").asLong()).isEqualTo(1);
        assertThat(prov.path("config_sha256").asText()).hasSize(64);
        assertThat(prov.path("dataset_files").size()).isGreaterThan(0);
        assertThat(prov.path("dataset_files").get(0).path("path").asText()).contains("fashion-mnist");
        assertThat(prov.path("host").path("cpu_model").isTextual()).isTrue();
        JsonNode energy = Json.read(dir.dir().resolve("energy.json"));
        assertThat(energy.path("energy_kwh").asDouble()).isPositive();
        assertThat(energy.path("source").asText()).isIn("rapl", "cpu-seconds", "nvidia-smi+rapl", "nvidia-smi+cpu-seconds");

        Cli verify = Cli.run("verify", out.toString(), "--rerun", "1");
        assertThat(verify.out).contains(dir.runId() + " uninterrupted: identical");
        assertThat(verify.out).containsPattern(dir.runId() + " interrupted and resumed: identical(?!.*finished before)");
        // exit 0 unless the tree this test runs from has uncommitted edits, which verify must name
        if (verify.out.contains("trained from a dirty tree")) assertThat(verify.code).isEqualTo(1);
        else assertThat(verify.code).as(verify.out + verify.err).isZero();
        assertThat(out.resolve("report/reproduction.md")).exists();
        assertThat(Files.readString(out.resolve("report/reproduction.md"))).contains("**fashion-mnist for mnist**");
    }
}
