package io.frugal.harness.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import io.frugal.harness.manifest.Cli;
import io.frugal.harness.plan.PlanWriter;
import io.frugal.harness.plan.Planner;
import io.frugal.core.store.RunStore;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Values never become shell code: an output folder and manifest text full of shell syntax are
 * rendered into a real array script, which is then run by bash as a SLURM task would run it. The
 * run must train, and none of the embedded commands may have run.
 */
class ScriptSafetyTest {
    @TempDir
    Path tmp;

    // no backslash or '%': an output folder with either is refused (sbatch expands '%' in --output)
    private static final String NASTY = "o'ut $(touch pwned1) `touch pwned2`; touch pwned3 \"q\" & | > x ${HOME} !!";

    @Test
    void quotedWordsComeBackFromBashUnchanged() throws Exception {
        List<String> values = List.of(NASTY, "", "'", "''", "a\nb", "$'\\x41'", "-n", "*", "~root");
        List<String> cmd = List.of("bash", "-c", "printf '%s\\0' " + Shell.quoteAll(values));
        Process p = new ProcessBuilder(cmd).directory(tmp.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isZero();
        assertThat(List.of(out.split("\0", -1)).subList(0, values.size())).isEqualTo(values);
        assertThat(Cli.tree(tmp)).containsExactly("");
    }

    @Test
    void aRenderedTaskScriptWithShellSyntaxInEveryValueTrainsItsRunAndExecutesNothing() throws Exception {
        Path manifest = tmp.resolve("nasty.yaml");
        Files.writeString(manifest, """
                name: nasty
                description: "$(touch pwned4) `touch pwned5`; touch pwned6"
                defaults:
                  trainer: classifier
                  model: {name: hvc, width: 0.125}
                  epochs: 1
                  batch_size: 50
                  train_limit: 100
                  test_limit: 100
                  augment: false
                  resources: {cpus: 1, mem: 1G, time: "00:05:00"}
                datasets: [fashion-mnist]
                seeds: [7]
                experiments:
                  - id: baseline
                    note: "'; touch pwned7; echo '$(touch pwned8)"
                    schedule: {type: full}
                """);
        Path work = Files.createDirectories(tmp.resolve("work"));
        Path out = work.resolve(NASTY);
        RunStore store = new RunStore(out);
        PlanWriter.write(store, Planner.plan(manifest, null, List.of()));
        Path profile = tmp.resolve("p.yaml");
        Files.writeString(profile, "name: p\nscratch: ${TMPDIR}/frugal-safety\n");

        Cli r = Cli.run("run", out.toString(), "--resume", "--executor", "slurm", "--cluster", profile.toString(), "--dry-run");
        assertThat(r.code).as(r.err).isZero();
        Path script = out.resolve("slurm/dry-run/array-0.sbatch");
        String text = Files.readString(script);
        assertThat(text).contains("RUN_LIST=" + Shell.quote(out.resolve("slurm/dry-run/runs.txt").toString()));
        // the trainer gets the heap options the local executor would give it (no -Xmx in the test JVM's options)
        long heapMiB = io.frugal.methods.classifier.DatasetHeap.maxHeapMiB("fashion-mnist", io.frugal.methods.data.DatasetLocator.system()).orElseThrow();
        assertThat(text).contains("TRAIN=('-Xmx" + heapMiB + "m' '-Xmn32m' ");
        for (String line : text.lines().filter(l -> l.startsWith("#SBATCH")).toList()) {
            assertThat(Shell.isPlainToken(line.substring("#SBATCH ".length()))).as(line).isTrue();
        }

        List<String> cmd = new ArrayList<>(List.of("bash", script.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("task.out").toFile()).redirectInput(new File("/dev/null"));
        pb.environment().put("SLURM_ARRAY_TASK_ID", "0");
        pb.environment().put("SLURM_ARRAY_JOB_ID", "1");
        pb.environment().put("TMPDIR", tmp.toString());
        Process p = pb.start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        String log = Files.readString(tmp.resolve("task.out"));
        assertThat(p.exitValue()).as(log).isZero();
        String runId = Planner.plan(manifest, null, List.of()).runs().get(0).id();
        assertThat(store.run(runId).isDone()).as(log).isTrue();
        assertThat(Files.isDirectory(tmp.resolve("frugal-safety/djl"))).isTrue();
        try (var files = Files.walk(tmp)) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("pwned") || n.equals("x")).toList()).isEmpty();
        }
        assertThat(Path.of("pwned1")).doesNotExist();
    }
}
