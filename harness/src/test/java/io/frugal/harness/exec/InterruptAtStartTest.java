package io.frugal.harness.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.frugal.core.store.RunDirectory;
import io.frugal.core.store.RunStore;
import io.frugal.harness.manifest.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C while a trainer JVM is still starting: the terminal sends SIGINT to the executor and the
 * trainer alike, and the trainer dies by the signal before it can install its handler. That is an
 * interruption (exit 3, the run not marked failed), and a second Ctrl-C stays within the
 * documented exit codes.
 */
class InterruptAtStartTest {
    @TempDir
    Path tmp;

    @Test
    void ctrlCDuringTrainerStartIsAnInterruptionAndASecondOneExitsThree() throws Exception {
        Path data = tmp.resolve("data");
        LocalRunTest.TinyIdx.write(data.resolve("mnist"), 200, 80);
        Path manifest = Cli.write(tmp, "m.yaml", """
                name: startup
                defaults: {own_data: true, model: {width: 0.125}, epochs: 30, batch_size: 40, test_limit: 80}
                datasets: [mnist]
                seeds: [1]
                experiments:
                  - {id: baseline, schedule: {type: full}}
                """);
        Path out = tmp.resolve("out");
        Path log = tmp.resolve("executor.log");
        Process executor = start(data, log, "run", manifest.toString(), "--out", out.toString());
        ProcessHandle trainer = awaitTrainer(executor);
        // as a terminal does: the whole foreground group, trainer included, while its JVM starts
        signal("INT", trainer.pid());
        signal("INT", executor.pid());
        assertThat(executor.waitFor(3, TimeUnit.MINUTES)).isTrue();
        String said = Files.readString(log);
        assertThat(executor.exitValue()).as(said).isEqualTo(3);
        assertThat(said).contains("1 stopped").doesNotContain("FAILED");
        RunDirectory run = new RunStore(out).runs().get(0);
        assertThat(run.failure()).as("an interruption is not a failure").doesNotExist();

        Process again = start(data, tmp.resolve("again.log"), "run", manifest.toString(), "--out", out.toString());
        awaitTrainer(again);
        signal("INT", again.pid());
        Thread.sleep(300);
        signal("INT", again.pid());
        assertThat(again.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(again.exitValue()).as(Files.readString(tmp.resolve("again.log"))).isEqualTo(3);
    }

    private static Process start(Path data, Path log, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.frugal.harness.cli.Main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("FRUGAL_DATA", data.toString());
        return pb.start();
    }

    /** The trainer child of the executor, as soon as it exists (its JVM has barely started then). */
    private static ProcessHandle awaitTrainer(Process executor) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            var child = executor.toHandle().children().findFirst();
            if (child.isPresent()) return child.get();
            Thread.sleep(20);
        }
        throw new AssertionError("no trainer started");
    }

    private static void signal(String name, long pid) throws Exception {
        new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start().waitFor();
    }
}
