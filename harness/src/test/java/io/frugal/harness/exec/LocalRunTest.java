package io.frugal.harness.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.frugal.harness.manifest.Cli;
import com.fasterxml.jackson.databind.JsonNode;
import io.frugal.core.store.Json;
import io.frugal.core.store.RunDirectory;
import io.frugal.core.store.RunStore;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code frugal run} on the local executor with real trainer processes: what a user sees when a
 * run fails or hits its time limit, and that running the same command again finishes the job.
 */
class LocalRunTest {
    @TempDir
    Path tmp;

    private final String savedDataProperty = System.getProperty("frugal.data");

    @AfterEach
    void restore() {
        if (savedDataProperty == null) System.clearProperty("frugal.data");
        else System.setProperty("frugal.data", savedDataProperty);
    }



    @Test
    void aBadManifestStartsNothingAndWritesNothing() throws IOException {
        Path manifest = tmp.resolve("bad.yaml");
        Files.writeString(manifest, """
                name: bad
                defaults: {epochs: 0}
                datasets: [mnist]
                seeds: [1]
                experiments:
                  - {id: baseline, schedule: {type: full}, colour: blue}
                """);
        Path out = tmp.resolve("out");
        Cli r = Cli.run("run", manifest.toString(), "--out", out.toString());
        assertThat(r.code).isEqualTo(2);
        assertThat(r.err).contains(manifest + ":2:").contains("/defaults/epochs").contains("colour");
        assertThat(out).doesNotExist();
    }

    @Test
    void aFailedRunIsReportedWithItsLogAndRetriedByRunningAgain() throws IOException {
        Path manifest = tmp.resolve("mnist.yaml");
        Files.writeString(manifest, """
                name: tiny-mnist
                defaults: {own_data: true, model: {width: 0.125}, epochs: 2, batch_size: 40, test_limit: 80}
                datasets: [mnist]
                seeds: [1]
                experiments:
                  - {id: baseline, schedule: {type: full}}
                """);
        Path out = tmp.resolve("out");
        System.setProperty("frugal.data", tmp.resolve("nowhere").toString());
        Cli first = Cli.run("run", manifest.toString(), "--out", out.toString(), "--threads", "1");
        assertThat(first.code).as(first.out + first.err).isEqualTo(1);
        assertThat(first.out).contains("0 done now").contains("1 failed");

        RunDirectory run = new RunStore(out).runs().get(0);
        JsonNode failure = Json.read(run.failure());
        assertThat(failure.path("exit_code").asInt()).isEqualTo(2);
        assertThat(failure.path("message").asText()).contains("dataset 'mnist' not found");
        assertThat(run.result()).doesNotExist();
        Cli status = Cli.run("status", out.toString());
        assertThat(status.code).isEqualTo(0);
        assertThat(status.out).contains("failed").contains("dataset 'mnist' not found").contains(run.log().toString())
                .contains("1 runs: 0 planned, 0 queued, 0 running, 0 done, 1 failed");

        Path data = tmp.resolve("data");
        TinyIdx.write(data.resolve("mnist"), 200, 80);
        System.setProperty("frugal.data", data.toString());
        Cli second = Cli.run("run", manifest.toString(), "--out", out.toString(), "--threads", "1");
        assertThat(second.code).as(second.out + second.err + Files.readString(run.log())).isEqualTo(0);
        assertThat(run.isDone()).isTrue();
        assertThat(run.failure()).as("a success clears the failure record").doesNotExist();
        assertThat(Cli.run("status", out.toString()).out).contains("1 runs: 0 planned, 0 queued, 0 running, 1 done, 0 failed");
    }

    @Test
    void aRunOverItsTimeLimitKeepsItsCheckpointAndFinishesWhenRunAgain() throws IOException {
        Path data = tmp.resolve("data");
        TinyIdx.write(data.resolve("mnist"), 600, 80);
        System.setProperty("frugal.data", data.toString());
        Path manifest = tmp.resolve("long.yaml");
        Files.writeString(manifest, """
                name: long
                defaults: {own_data: true, model: {width: 0.125}, epochs: 40, batch_size: 40, test_limit: 80}
                datasets: [mnist]
                seeds: [1]
                experiments:
                  - {id: baseline, schedule: {type: full}}
                """);
        Path out = tmp.resolve("out");
        Cli limited = Cli.run("run", manifest.toString(), "--out", out.toString(), "--threads", "1", "--time-limit", "12");
        RunDirectory run = new RunStore(out).runs().get(0);
        assertThat(limited.code).as(limited.out + Files.readString(run.log())).isEqualTo(1);
        assertThat(limited.out).contains("time limit of 12 s exceeded; checkpoint saved");
        assertThat(run.hasCheckpoint()).isTrue();
        assertThat(Json.read(run.failure()).path("message").asText()).contains("time limit");

        Cli again = Cli.run("run", manifest.toString(), "--out", out.toString(), "--threads", "1");
        assertThat(again.code).as(again.out + Files.readString(run.log())).isEqualTo(0);
        JsonNode result = Json.read(run.result());
        assertThat(result.path("resumes").asInt()).isGreaterThanOrEqualTo(1);
        List<String> metrics = Files.readAllLines(run.metrics());
        assertThat(metrics).hasSize(40);
        JsonNode provenance = Json.read(run.provenance());
        assertThat(provenance.path("seed").asLong()).isEqualTo(1);
        assertThat(provenance.path("engine").path("name").asText()).isEqualTo("PyTorch");
        assertThat(provenance.path("engine").path("version").asText()).isEqualTo("2.5.1");
        assertThat(provenance.path("engine").path("threads").asInt()).isEqualTo(1);
        // the tests run the default (CPU) build; a -Pcuda build records its cu124 library here
        assertThat(provenance.path("engine").path("native_library").asText()).containsPattern("/2\\.5\\.1-[0-9]*-?cpu-linux-x86_64");
        assertThat(provenance.path("dataset_sha256").path("train-images-idx3-ubyte").asText()).hasSize(64);
        assertThat(provenance.path("previous_attempts")).as("the interrupted attempt is kept").hasSizeGreaterThanOrEqualTo(1);
    }

    /** Writes a small learnable MNIST-format dataset (IDX, uncompressed): class k is a bar at row 2k+4. */
    static final class TinyIdx {
        static void write(Path dir, int train, int test) throws IOException {
            Files.createDirectories(dir);
            writeSplit(dir, "train", train, 11);
            writeSplit(dir, "t10k", test, 12);
        }

        private static void writeSplit(Path dir, String prefix, int n, long seed) throws IOException {
            java.util.Random rnd = new java.util.Random(seed);
            byte[] pixels = new byte[n * 28 * 28];
            byte[] labels = new byte[n];
            for (int i = 0; i < n; i++) {
                int k = i % 10;
                labels[i] = (byte) k;
                int row = 2 * k + 4;
                for (int x = 4; x < 24; x++) {
                    pixels[i * 784 + row * 28 + x] = (byte) 255;
                    pixels[i * 784 + rnd.nextInt(784)] = (byte) rnd.nextInt(128);
                }
            }
            try (DataOutputStream o = new DataOutputStream(Files.newOutputStream(dir.resolve(prefix + "-images-idx3-ubyte")))) {
                o.writeInt(2051);
                o.writeInt(n);
                o.writeInt(28);
                o.writeInt(28);
                o.write(pixels);
            }
            try (DataOutputStream o = new DataOutputStream(Files.newOutputStream(dir.resolve(prefix + "-labels-idx1-ubyte")))) {
                o.writeInt(2049);
                o.writeInt(n);
                o.write(labels);
            }
        }
    }
}
