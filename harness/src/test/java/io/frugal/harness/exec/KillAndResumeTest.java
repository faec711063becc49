package io.frugal.harness.exec;

import io.frugal.core.store.Plan;
import io.frugal.core.store.PlannedRun;
import io.frugal.core.store.RunIds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frugal.core.store.Json;
import io.frugal.core.store.RunDirectory;
import io.frugal.core.store.RunStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The executor's promise to a user whose {@code frugal run} dies: kill it with -9 in the middle of
 * a grid, run the same command again, and the grid completes with no finished run trained again
 * and with numbers identical to a run that was never interrupted. Uses real Fashion-MNIST (a small
 * head of it) and real trainer processes.
 */
class KillAndResumeTest {
    static final Path FASHION = Path.of("/usr/share/datasets/fashion-mnist");

    @TempDir
    Path tmp;

    @Test
    void killedRunResumesWithoutRepeatsAndMatchesAnUninterruptedRun() throws Exception {
        requireFashionMnist();
        Path manifest = tmp.resolve("tiny.yaml");
        Files.writeString(manifest, """
                name: tiny
                defaults:
                  model: {width: 0.125}
                  epochs: 4
                  batch_size: 60
                  train_limit: 360
                  test_limit: 200
                datasets: [fashion-mnist]
                seeds: [1, 2]
                experiments:
                  - id: baseline
                    schedule: {type: full}
                  - id: step
                    schedule: {type: step, start_fraction: 0.5, full_from: 0.5}
                """);
        Path reference = tmp.resolve("reference");
        Process ref = frugal("run", manifest.toString(), "--out", reference.toString(), "--jobs", "1", "--threads", "1");
        assertThat(ref.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(ref.exitValue()).as(output(ref)).isEqualTo(0);

        Path out = tmp.resolve("killed");
        Process first = frugal("run", manifest.toString(), "--out", out.toString(), "--jobs", "1", "--threads", "1");
        RunStore store = new RunStore(out);
        waitUntil(() -> countDone(store) >= 1 && anyMidway(store), 240);
        first.destroyForcibly().waitFor(); // SIGKILL: no shutdown hooks, no chance to clean up
        // The orphaned trainer notices its parent is gone, checkpoints and lets go of its lock.
        waitUntil(() -> store.runs().stream().noneMatch(RunLock::isHeld), 120);

        Map<String, String> doneBefore = new HashMap<>();
        for (RunDirectory r : store.runs()) {
            if (r.isDone()) doneBefore.put(r.runId(), Files.readString(r.result()));
        }
        assertThat(doneBefore).isNotEmpty();
        assertThat(doneBefore.size()).isLessThan(4);

        Process second = frugal("run", manifest.toString(), "--out", out.toString(), "--jobs", "1", "--threads", "1");
        assertThat(second.waitFor(5, TimeUnit.MINUTES)).isTrue();
        String log = output(second);
        assertThat(second.exitValue()).as(log).isEqualTo(0);
        assertThat(log).contains(doneBefore.size() + " of 4 runs already done");

        List<RunDirectory> runs = store.runs();
        assertThat(runs).hasSize(4);
        boolean someResumed = false;
        for (RunDirectory r : runs) {
            assertThat(r.isDone()).isTrue();
            if (doneBefore.containsKey(r.runId())) {
                assertThat(Files.readString(r.result())).as("finished run %s untouched", r.runId()).isEqualTo(doneBefore.get(r.runId()));
            }
            JsonNode result = Json.read(r.result());
            someResumed |= result.path("resumes").asInt() > 0;
            RunDirectory twin = new RunStore(reference).run(r.runId());
            assertThat(withoutTimes(r)).as("metrics of %s", r.runId()).isEqualTo(withoutTimes(twin));
            assertThat(result.path("final_top1").asDouble()).isEqualTo(Json.read(twin.result()).path("final_top1").asDouble());
        }
        assertThat(someResumed).as("a run continued from its checkpoint").isTrue();
    }

    @Test
    void aStopRequestCheckpointsEveryActiveRunAndExits3() throws Exception {
        requireFashionMnist();
        Path manifest = tmp.resolve("two.yaml");
        Files.writeString(manifest, """
                name: two
                defaults:
                  model: {width: 0.125}
                  epochs: 30
                  batch_size: 60
                  train_limit: 360
                  test_limit: 200
                datasets: [fashion-mnist]
                seeds: [1, 2]
                experiments:
                  - id: baseline
                    schedule: {type: full}
                """);
        Path out = tmp.resolve("stopped");
        RunStore store = new RunStore(out);
        Process run = frugal("run", manifest.toString(), "--out", out.toString(), "--jobs", "2", "--threads", "1");
        waitUntil(() -> store.runs().size() == 2 && store.runs().stream().allMatch(r -> io.frugal.core.store.MetricsFile.count(r) >= 1), 240);
        run.destroy(); // SIGTERM, as Ctrl-C or a scheduler would send
        assertThat(run.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(run.exitValue()).as(output(run)).isEqualTo(3);
        assertThat(output(run)).contains("stopping").contains("2 stopped");
        for (RunDirectory r : store.runs()) {
            assertThat(RunLock.isHeld(r)).isFalse();
            assertThat(r.hasCheckpoint()).as("checkpoint of %s", r.runId()).isTrue();
            assertThat(r.isDone()).isFalse();
            assertThat(r.failure()).as("a stop is not a failure").doesNotExist();
        }
    }

    static void requireFashionMnist() {
        if ("true".equals(System.getenv("CI"))) {
            assertThat(FASHION).as("CI installs dataset-fashion-mnist").isDirectory();
        }
        assumeTrue(Files.isDirectory(FASHION), "Fashion-MNIST not installed (apt-get install dataset-fashion-mnist)");
    }

    static List<String> withoutTimes(RunDirectory run) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(run.metrics())) {
            if (line.isBlank()) continue;
            ObjectNode o = (ObjectNode) Json.parse(line);
            o.remove(List.of("train_seconds", "eval_seconds"));
            out.add(Json.canonical(o));
        }
        return out;
    }

    private static int countDone(RunStore store) {
        return (int) store.runs().stream().filter(RunDirectory::isDone).count();
    }

    private static boolean anyMidway(RunStore store) {
        return store.runs().stream().anyMatch(r -> !r.isDone() && io.frugal.core.store.MetricsFile.count(r) >= 1);
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    static void waitUntil(Condition c, int seconds) throws Exception {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        while (!c.holds()) {
            assertThat(System.currentTimeMillis()).as("timed out waiting").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** Starts the CLI as its own JVM, as ./frugal would, output to a file. */
    Process frugal(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.frugal.harness.cli.Main"));
        cmd.addAll(List.of(args));
        Path log = Files.createTempFile(tmp, "frugal-", ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("FRUGAL_DATA", FASHION.getParent().toString());
        Process p = pb.start();
        logs.put(p, log);
        return p;
    }

    private final Map<Process, Path> logs = new HashMap<>();

    String output(Process p) throws IOException {
        return Files.readString(logs.get(p));
    }
}
