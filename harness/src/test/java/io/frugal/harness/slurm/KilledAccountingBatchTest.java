package io.frugal.harness.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import io.frugal.core.store.RunStore;
import io.frugal.harness.bench.StatusScaleBench;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code frugal status} killed with SIGKILL while it saves the SLURM accounting of 600 done runs
 * as one batch, at points drawn at random (by how far the batch had got): every slurm.json there
 * that existed before holds either its old figures or its new ones, byte for byte; one that did
 * not (a first call creates them in place) is absent, whole, or cut short and then not valid JSON;
 * nothing else was left in a run folder but hidden temp files; and the next status saves every
 * run's new figures. Once for a first call (no slurm.json yet), then with every file's figures
 * changed (each file replaced).
 */
class KilledAccountingBatchTest {
    private static final int RUNS = 600;

    @TempDir
    Path work;

    @Test
    void aKilledBatchLeavesEverySlurmJsonWholeAndTheNextStatusCompletesIt() throws Exception {
        Path out = work.resolve("out");
        Path bin = StatusScaleBench.build(work, out, new StatusScaleBench.Options(RUNS, 3, 1, List.of(), null, null),
                new PrintWriter(new StringWriter()));
        RunStore store = new RunStore(out);
        List<Submission> submissions = Submission.all(store);
        Path lines = work.resolve(StatusScaleBench.SACCT_LINES);
        String firstLines = Files.readString(lines);
        Map<String, byte[]> first = expected(submissions, firstLines);
        assertThat(first).hasSize(RUNS);

        Random random = new Random(14);
        int halfWay = 0;
        // a first call: no slurm.json yet
        halfWay += killAndCheck(out, bin, Map.of(), first, 1 + random.nextInt(RUNS - 1), "first call") ? 1 : 0;
        assertThat(status(out, bin).waitFor()).isZero();
        assertEvery(out, first);

        // every task's elapsed time one second longer: every file is replaced
        String changedLines = firstLines.lines().map(l -> {
            int bar = l.lastIndexOf('|');
            return l.substring(0, bar + 1) + (Long.parseLong(l.substring(bar + 1)) + 1);
        }).reduce("", (a, b) -> a + b + "\n");
        Files.writeString(lines, changedLines);
        Map<String, byte[]> changed = expected(submissions, changedLines);
        List<Integer> points = new ArrayList<>();
        for (int i = 0; i < 2; i++) points.add(1 + random.nextInt(RUNS - 1));
        for (int point : points) {
            restore(out, first);
            halfWay += killAndCheck(out, bin, first, changed, point, "replacing") ? 1 : 0;
            assertThat(status(out, bin).waitFor()).isZero();
            assertEvery(out, changed);
        }
                assertThat(halfWay).as("kills that stopped a batch half-way").isGreaterThanOrEqualTo(1);
    }

    /**
     * Starts status, kills it once {@code aim} runs have a temp file or their new slurm.json, and
     * checks what is left; true when the kill found the batch half-way.
     */
    private static boolean killAndCheck(Path out, Path bin, Map<String, byte[]> before, Map<String, byte[]> after, int aim, String what)
            throws Exception {
        Process p = status(out, bin);
        int reached = 0;
        while (p.isAlive() && reached < aim) {
            reached = progress(out, after);
            Thread.sleep(2); // leave the cores to status
        }
        p.destroyForcibly(); // SIGKILL: no shutdown hook, no clean-up
        assertThat(p.waitFor(1, TimeUnit.MINUTES)).isTrue();
        String at = what + ": killed at " + reached + " runs (aimed at " + aim + ")";
        int fresh = 0;
        int temps = 0;
        int torn = 0;
        try (Stream<Path> dirs = Files.list(out.resolve("runs"))) {
            for (Path dir : dirs.toList()) {
                String id = dir.getFileName().toString();
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path f : files.toList()) {
                        String name = f.getFileName().toString();
                        if (name.startsWith(".slurm.json.") && name.endsWith(".tmp")) temps++;
                        else assertThat(name).as(at + ": " + f).isIn("config.json", "result.json", "slurm.json");
                    }
                }
                Path file = dir.resolve("slurm.json");
                if (!Files.exists(file)) {
                    assertThat(before).as(at + ": " + file + " was there before").doesNotContainKey(id);
                    continue;
                }
                byte[] bytes = Files.readAllBytes(file);
                boolean isNew = java.util.Arrays.equals(bytes, after.get(id));
                if (isNew) {
                    fresh++;
                } else if (before.containsKey(id)) {
                    assertThat(bytes).as(at + ": " + file + " is whole, its old or its new figures").isEqualTo(before.get(id));
                } else {
                    // created in place: cut short by the kill (empty, as one write makes it whole), never valid JSON
                    assertThat(new String(after.get(id), java.nio.charset.StandardCharsets.UTF_8)).as(at + ": " + file + " is a start of its figures")
                            .startsWith(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
                    assertThat(wholeObject(bytes)).as(at + ": " + file + " cut short passes for no figures").isFalse();
                    torn++;
                }
            }
        }
        return (temps > 0 || fresh > 0 || torn > 0) && fresh < RUNS;
    }

    /** Whether the report would take these bytes for a JSON object (it checks the fields next). */
    private static boolean wholeObject(byte[] bytes) {
        try {
            var node = io.frugal.core.store.Json.MAPPER.readTree(bytes);
            return node != null && node.isObject();
        } catch (IOException e) {
            return false;
        }
    }

    /** Runs with a temp file beside slurm.json or their new figures in place: how far the batch got. */
    private static int progress(Path out, Map<String, byte[]> after) throws IOException {
        int n = 0;
        try (Stream<Path> dirs = Files.list(out.resolve("runs"))) {
            for (Path dir : dirs.toList()) {
                try (Stream<Path> files = Files.list(dir)) {
                    if (files.anyMatch(f -> f.getFileName().toString().startsWith(".slurm.json."))) {
                        n++;
                        continue;
                    }
                }
                Path file = dir.resolve("slurm.json");
                try {
                    if (java.util.Arrays.equals(Files.readAllBytes(file), after.get(dir.getFileName().toString()))) n++;
                } catch (java.nio.file.NoSuchFileException absent) {
                    // not written yet
                }
            }
        }
        return n;
    }

    private static void restore(Path out, Map<String, byte[]> files) throws IOException {
        for (var e : files.entrySet()) {
            Path dir = out.resolve("runs").resolve(e.getKey());
            try (Stream<Path> s = Files.list(dir)) {
                for (Path f : s.toList()) if (f.getFileName().toString().startsWith(".slurm.json.")) Files.delete(f);
            }
            Files.write(dir.resolve("slurm.json"), e.getValue());
        }
    }

    private static void assertEvery(Path out, Map<String, byte[]> files) throws IOException {
        for (var e : files.entrySet()) {
            assertThat(Files.readAllBytes(out.resolve("runs").resolve(e.getKey()).resolve("slurm.json"))).as(e.getKey()).isEqualTo(e.getValue());
        }
    }

    /** Each run's slurm.json as status writes it from these sacct lines. */
    private static Map<String, byte[]> expected(List<Submission> submissions, String lines) {
        Map<String, byte[]> out = new HashMap<>();
        SlurmTracker.fromSacct(submissions, lines).runs().forEach((id, t) -> out.put(id, SlurmAccounting.text(t)));
        return out;
    }

    /** {@code frugal status OUT --summary} in its own JVM, with the replaying sacct first on PATH. */
    private static Process status(Path out, Path bin) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "io.frugal.harness.cli.Main", "status", out.toString(), "--summary")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        return pb.start();
    }
}
