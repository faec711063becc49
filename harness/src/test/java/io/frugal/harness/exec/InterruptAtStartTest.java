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
import org.assertj.core.api.SoftAssertions;
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
        // as a terminal does: the whole foreground group, trainer included, while its JVM starts. The
        // executor's own SIGINT comes after it has seen the trainer die (the signals of one Ctrl-C are
        // not handled at the same instant): the outcome must not depend on which it notices first
        signal("INT", trainer.pid());
        trainer.onExit().get(2, TimeUnit.MINUTES);
        Thread.sleep(1000); // more than the executor's poll interval
        signal("INT", executor.pid());
        assertThat(executor.waitFor(3, TimeUnit.MINUTES)).isTrue();
        // the first and the second Ctrl-C judged each on its own: a failure of one must not hide the other's
        SoftAssertions soft = new SoftAssertions();
        String said = Files.readString(log);
        soft.assertThat(executor.exitValue()).as(said).isEqualTo(3);
        soft.assertThat(said).contains("1 stopped").doesNotContain("FAILED");
        RunDirectory run = new RunStore(out).runs().get(0);
        soft.assertThat(run.failure()).as("an interruption is not a failure").doesNotExist();

        Process again = start(data, tmp.resolve("again.log"), "run", manifest.toString(), "--out", out.toString());
        awaitTrainer(again);
        signal("INT", again.pid());
        Thread.sleep(300);
        signal("INT", again.pid());
        assertThat(again.waitFor(3, TimeUnit.MINUTES)).isTrue();
        soft.assertThat(again.exitValue()).as("second Ctrl-C: " + Files.readString(tmp.resolve("again.log"))).isEqualTo(3);
        soft.assertAll();
    }

    private static Process start(Path data, Path log, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.frugal.harness.cli.Main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("FRUGAL_DATA", data.toString());
        return pb.start();
    }

    /**
     * The trainer child of the executor, as soon as it is a java process (its JVM has barely started
     * then). Before that the child is the JDK's spawn helper, which has not yet executed java in its
     * place: a signal then ends the spawn, not a trainer, and that is not what this test is about.
     */
    private static ProcessHandle awaitTrainer(Process executor) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            var child = executor.toHandle().children()
                    .filter(c -> c.info().command().map(cmd -> cmd.endsWith("/java")).orElse(false)).findFirst();
            if (child.isPresent()) return child.get();
            Thread.sleep(20);
        }
        throw new AssertionError("no trainer started");
    }

    private static void signal(String name, long pid) throws Exception {
        new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start().waitFor();
    }
}
