package io.frugal.harness.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.frugal.harness.manifest.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A finished store on a read-only file system (an archive, a colleague's share; a tmpfs remounted
 * read-only here, which needs root): reading it works, with the report written elsewhere, and
 * running the same manifest again finds every run done without writing anything.
 */
class ReadOnlyStoreTest {
    @TempDir
    Path tmp;

    private Path mounted;
    private final String savedDataProperty = System.getProperty("frugal.data");

    @AfterEach
    void unmount() throws Exception {
        if (savedDataProperty == null) System.clearProperty("frugal.data");
        else System.setProperty("frugal.data", savedDataProperty);
        if (mounted != null) new ProcessBuilder("umount", mounted.toString()).inheritIO().start().waitFor();
    }

    @Test
    void readingCommandsAndARunOfADoneStoreWriteNothing() throws Exception {
        Path data = tmp.resolve("data");
        LocalRunTest.TinyIdx.write(data.resolve("mnist"), 200, 80);
        System.setProperty("frugal.data", data.toString());
        Path manifest = Cli.write(tmp, "m.yaml", """
                name: archived
                defaults: {own_data: true, model: {width: 0.125}, epochs: 1, batch_size: 40, test_limit: 80}
                datasets: [mnist]
                seeds: [1]
                experiments:
                  - {id: baseline, schedule: {type: full}}
                """);
        Path out = Files.createDirectories(tmp.resolve("store"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", out.toString()).redirectErrorStream(true).start();
        Assumptions.assumeTrue(mount.waitFor() == 0, "needs to mount a tmpfs (root)");
        mounted = out;
        Cli trained = ThreadCountTest.runRetryingDivergence("run", manifest.toString(), "--out", out.toString());
        assertThat(trained.code).as(trained.out + trained.err).isZero();
        assertThat(new ProcessBuilder("mount", "-o", "remount,ro", out.toString()).inheritIO().start().waitFor()).isZero();
        String plan = Files.readString(out.resolve("plan.json"));

        // each command on its own: a failure of one must not hide the others'
        SoftAssertions soft = new SoftAssertions();
        Path elsewhere = tmp.resolve("report.md");
        Cli report = Cli.run("report", out.toString(), "--output", elsewhere.toString());
        soft.assertThat(report.code).as("report --output elsewhere: " + report.out + report.err).isZero();
        soft.assertThat(elsewhere).as("report --output elsewhere").exists();
        if (Files.exists(elsewhere)) soft.assertThat(Files.readString(elsewhere)).contains("baseline");
        Cli status = Cli.run("status", out.toString());
        soft.assertThat(status.code).as("status: " + status.out + status.err).isZero();

        Cli again = Cli.run("run", manifest.toString(), "--out", out.toString());
        soft.assertThat(again.code).as("run of the done store: " + again.out + again.err).isZero();
        soft.assertThat(again.out).contains("1 done before");
        soft.assertThat(again.err).doesNotContain("Exception");
        soft.assertThat(Files.readString(out.resolve("plan.json"))).isEqualTo(plan);
        soft.assertAll();
    }
}
