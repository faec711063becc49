package io.frugal.harness.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.frugal.core.store.Plan;
import io.frugal.core.store.PlannedRun;
import io.frugal.core.store.RunStore;
import io.frugal.harness.manifest.Cli;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file system that fills up while a grid trains, for real: the store is a small tmpfs (mounted
 * for the test, which needs root; skipped otherwise) filled to the last byte once both trainers
 * have checkpoints. The executor must not crash: it stops the trainers with SIGTERM, prints its
 * summary and exits 1; the checkpoints survive, and after space is freed the same command finishes
 * the grid with exactly the numbers of an undisturbed run.
 */
class FullDiskTest {
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
    void aDiskThatFillsMidGridStopsEverythingCleanlyAndTheRerunCompletesIdentically() throws Exception {
        Path data = tmp.resolve("data");
        LocalRunTest.TinyIdx.write(data.resolve("mnist"), 400, 80);
        System.setProperty("frugal.data", data.toString());
        Path manifest = Cli.write(tmp, "m.yaml", """
                name: full
                defaults: {own_data: true, model: {width: 0.125}, epochs: 12, batch_size: 40, test_limit: 80}
                datasets: [mnist]
                seeds: [1, 2]
                experiments:
                  - {id: baseline, schedule: {type: full}}
                """);

        Path out = Files.createDirectories(tmp.resolve("full"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", out.toString()).redirectErrorStream(true).start();
        Assumptions.assumeTrue(mount.waitFor() == 0, "needs to mount a tmpfs (root): " + new String(mount.getInputStream().readAllBytes()));
        mounted = out;

        CompletableFuture<Cli> run = CompletableFuture.supplyAsync(() -> Cli.run("run", manifest.toString(), "--out", out.toString(), "--jobs", "2"));
        RunStore store = new RunStore(out);
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline && !run.isDone()
                && !(Files.exists(out.resolve("plan.json")) && store.runs().size() == 2 && store.runs().stream().allMatch(r -> r.hasCheckpoint()))) {
            Thread.sleep(100);
        }
        assertThat(run.isDone()).as("both trainers should still be training when the disk fills").isFalse();
        fill(out.resolve("filler"));
        Cli stopped = run.get(4, TimeUnit.MINUTES);
        assertThat(stopped.code).as(stopped.out + stopped.err).isEqualTo(1);
        assertThat(stopped.out).contains("cannot write into the run store").contains("frugal run: 2 runs:")
                .contains("free space (or make " + out + " writable) and run the same command again");
        assertThat(stopped.err).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(store.runs()).allMatch(r -> r.hasCheckpoint() && !r.isDone());

        Files.delete(out.resolve("filler"));
        Cli again = ThreadCountTest.runRetryingDivergence("run", manifest.toString(), "--out", out.toString(), "--jobs", "2");
        assertThat(again.code).as(again.out + again.err).isZero();
        Path reference = tmp.resolve("reference");
        Cli ref = ThreadCountTest.runRetryingDivergence("run", manifest.toString(), "--out", reference.toString(), "--jobs", "2");
        assertThat(ref.code).as(ref.out + ref.err).isZero();
        for (PlannedRun r : Plan.read(out).runs()) {
            assertThat(ThreadCountTest.numbers(store.run(r.id()))).as(r.id())
                    .isEqualTo(ThreadCountTest.numbers(new RunStore(reference).run(r.id())));
        }
    }

    /** Writes until the file system is full. */
    private static void fill(Path file) {
        byte[] block = new byte[64 * 1024];
        try (OutputStream o = Files.newOutputStream(file)) {
            while (true) o.write(block);
        } catch (IOException full) {
            // no space left: what the test wants
        }
    }
}
