package io.frugal.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.frugal.harness.manifest.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input to train, status and run: a clear message, exit 2, and nothing written. */
class TrainAndStatusCommandTest {
    @TempDir
    Path tmp;



    private long filesUnder(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void trainRefusesAFolderWithoutConfig() throws IOException {
        Path run = Files.createDirectories(tmp.resolve("runs/abc"));
        Cli r = Cli.run("train", "--run-dir", run.toString());
        assertThat(r.code).isEqualTo(2);
        assertThat(r.err).contains(run.resolve("config.json").toString()).contains("not a planned run directory");
        assertThat(filesUnder(tmp)).isZero();
    }

    @Test
    void trainRefusesAnInvalidConfigNamingTheKeyAndWritesNothing() throws IOException {
        Path run = Files.createDirectories(tmp.resolve("runs/abc"));
        Files.writeString(run.resolve("config.json"), """
                {"experiment": "x", "dataset": "imagenet", "seed": 1, "epochs": 2,
                 "schedule": {"type": "full"}, "batch_size": 0}
                """);
        Cli r = Cli.run("train", "--run-dir", run.toString());
        assertThat(r.code).isEqualTo(2);
        assertThat(r.err).contains("/dataset: unknown dataset 'imagenet'").contains("/batch_size: must be positive, got 0");
        assertThat(filesUnder(tmp)).as("only config.json").isEqualTo(1);
    }

    @Test
    void trainRefusesAConfigThatIsNotJson() throws IOException {
        Path run = Files.createDirectories(tmp.resolve("runs/abc"));
        Files.writeString(run.resolve("config.json"), "{\"experiment\": ");
        Cli r = Cli.run("train", "--run-dir", run.toString());
        assertThat(r.code).isEqualTo(2);
        assertThat(r.err).contains("config.json").contains("unreadable");
        assertThat(filesUnder(tmp)).isEqualTo(1);
    }

    @Test
    void statusRefusesAFolderThatIsNotARunStore() {
        Cli r = Cli.run("status", tmp.toString());
        assertThat(r.code).isEqualTo(2);
        assertThat(r.err).contains("not a frugal output folder: no plan.json in");
    }

    @Test
    void runRefusesBadExecutorOptionsBeforePlanning() throws IOException {
        Path out = tmp.resolve("out");
        Cli jobs = Cli.run("run", "manifests/quickstart.yaml", "--out", out.toString(), "--jobs", "0");
        assertThat(jobs.code).isEqualTo(2);
        assertThat(jobs.err).contains("--jobs must be at least 1, got 0");
        Cli missing = Cli.run("run", tmp.resolve("nope.yaml").toString(), "--out", out.toString());
        assertThat(missing.code).isEqualTo(2);
        assertThat(missing.err).contains("nope.yaml");
        Cli executor = Cli.run("run", tmp.resolve("nope.yaml").toString(), "--executor", "cloud");
        assertThat(executor.code).isEqualTo(2);
        assertThat(out).doesNotExist();
    }
}
