package io.frugal.harness.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.frugal.core.BadInputException;
import io.frugal.core.store.Json;
import io.frugal.core.store.Plan;
import io.frugal.core.store.PlannedRun;
import io.frugal.core.store.RunStore;
import io.frugal.core.store.UnfinishedPlan;
import io.frugal.harness.manifest.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A planner killed with SIGKILL while it writes a store of 1 200 runs, at several points drawn at
 * random (by how many run folders exist), leaves no partial store that passes for a plan: every
 * config.json there is the run's own (or, before the commit, the start of it, which is no JSON), no run counts as done, status, report and
 * resume refuse the folder as an unfinished plan, and planning the same manifest again completes
 * it with the files of a store that was never interrupted.
 */
class KilledPlanWriterTest {
    private static final int RUNS = 1200;

    @TempDir
    Path tmp;

    @Test
    void noKilledPlanPassesForAFinishedOneAndPlanningAgainCompletesIt() throws Exception {
        StringBuilder seeds = new StringBuilder();
        for (int s = 1; s <= RUNS / 2; s++) seeds.append(s == 1 ? "" : ", ").append(s);
        Path manifest = Cli.write(tmp, "many.yaml", """
                name: many
                defaults: {epochs: 4, train_limit: 600, test_limit: 200}
                datasets: [fashion-mnist]
                seeds: [%s]
                experiments:
                  - {id: full, schedule: {type: full}}
                  - {id: cut, schedule: {type: cut, parts: 2}}
                """.formatted(seeds));
        Path reference = tmp.resolve("reference");
        assertThat(planInto(manifest, reference).waitFor()).isZero();
        Plan plan = Plan.read(reference);
        assertThat(plan.runs()).hasSize(RUNS);

        Random random = new Random(14);
        List<Integer> killAt = new ArrayList<>(List.of(0, RUNS)); // before any run folder; once all exist (renames or plan.json under way)
        for (int i = 0; i < 3; i++) killAt.add(1 + random.nextInt(RUNS - 1));
        int unfinished = 0;
        for (int point = 0; point < killAt.size(); point++) {
            Path out = tmp.resolve("killed-" + point);
            Process writer = planInto(manifest, out);
            int folders = waitForFolders(out, killAt.get(point), writer);
            writer.destroyForcibly(); // SIGKILL: no shutdown hook, no clean-up
            writer.waitFor(1, TimeUnit.MINUTES);
            String at = "killed at " + folders + " run folders (aimed at " + killAt.get(point) + ")";

            boolean committed = Files.isRegularFile(out.resolve("plan.json"));
            assertEveryConfigIsItsOwn(out, reference, committed, at);
            assertThat(doneRuns(out)).as(at).isZero();
            if (committed) {
                // the commit happened before the kill: the plan is complete
                assertThat(Plan.read(out).runs()).as(at).hasSize(RUNS);
                for (PlannedRun r : plan.runs()) assertThat(out.resolve("runs").resolve(r.id()).resolve("config.json")).as(at).isRegularFile();
            } else if (Files.exists(out)) {
                unfinished++;
                assertRefusedAsUnfinished(out, manifest, at);
            }

            assertThat(planInto(manifest, out).waitFor()).as(at).isZero();
            assertSameFiles(out, reference, at);
            assertThat(Cli.run("status", out.toString()).code).as(at).isZero();
        }
        assertThat(unfinished).as("kills that stopped a plan half-way").isGreaterThanOrEqualTo(2);
    }

    private void assertRefusedAsUnfinished(Path out, Path manifest, String at) {
        assertThatThrownBy(() -> Plan.read(out)).as(at).isInstanceOf(BadInputException.class);
        if (UnfinishedPlan.isUnfinished(new RunStore(out))) {
            assertThatThrownBy(() -> Plan.read(out)).as(at).hasMessageContaining("an unfinished plan, not a run store")
                    .hasMessageContaining("frugal run " + manifest + " --out " + out);
        }
        for (String[] command : List.of(new String[] {"status", out.toString()}, new String[] {"report", out.toString()},
                new String[] {"run", out.toString(), "--resume"})) {
            Cli c = Cli.run(command);
            assertThat(c.code).as(at + ": frugal " + String.join(" ", command) + "\n" + c.out + c.err).isEqualTo(2);
        }
        // the same manifest into the same folder is accepted (a dry run writes nothing and says nothing is done)
        Cli dry = Cli.run("run", manifest.toString(), "--out", out.toString(), "--dry-run");
        assertThat(dry.code).as(at + "\n" + dry.out + dry.err).isZero();
        assertThat(dry.out).as(at).contains("dry run: " + RUNS + " runs", "0 done");
    }

    /**
     * Each config.json present names a planned run and holds the start of that run's own bytes:
     * all of them once plan.json is committed; before that (configs are written in place under the
     * unfinished plan's mark) possibly cut short by the kill, and then never readable as JSON, so it
     * cannot pass for a config.
     */
    private static void assertEveryConfigIsItsOwn(Path out, Path reference, boolean committed, String at) throws IOException {
        Path runs = out.resolve("runs");
        if (!Files.isDirectory(runs)) return;
        try (Stream<Path> dirs = Files.list(runs)) {
            for (Path dir : dirs.toList()) {
                Path config = dir.resolve("config.json");
                if (!Files.exists(config)) continue;
                Path expected = reference.resolve("runs").resolve(dir.getFileName()).resolve("config.json");
                assertThat(expected).as(at + ": " + config + " names a planned run").isRegularFile();
                byte[] own = Files.readAllBytes(expected);
                byte[] present = Files.readAllBytes(config);
                if (committed || present.length == own.length) {
                    assertThat(present).as(at + ": " + config).isEqualTo(own);
                    continue;
                }
                if (present.length == 0) continue; // created, killed before its bytes: empty, no JSON value
                assertThat(own).as(at + ": " + config + " is the start of its own config").startsWith(present);
                assertThatThrownBy(() -> Json.MAPPER.readTree(present)).as(at + ": " + config + ", cut short, is no JSON")
                        .isInstanceOf(IOException.class);
            }
        }
    }

    private static void assertSameFiles(Path out, Path reference, String at) throws IOException {
        assertThat(Cli.tree(out)).as(at).isEqualTo(Cli.tree(reference));
        for (String file : Cli.tree(reference)) {
            Path r = reference.resolve(file);
            if (Files.isRegularFile(r)) assertThat(Files.readAllBytes(out.resolve(file))).as(at + ": " + file).isEqualTo(Files.readAllBytes(r));
        }
    }

    private static long doneRuns(Path out) throws IOException {
        if (!Files.isDirectory(out.resolve("runs"))) return 0;
        try (Stream<Path> dirs = Files.list(out.resolve("runs"))) {
            return dirs.filter(d -> Files.exists(d.resolve("result.json"))).count();
        }
    }

    /** Waits until OUT/runs holds {@code folders} entries (or the writer has ended); the number seen. */
    private static int waitForFolders(Path out, int folders, Process writer) throws IOException, InterruptedException {
        Path runs = out.resolve("runs");
        while (writer.isAlive()) {
            int seen = 0;
            if (Files.isDirectory(runs)) {
                try (Stream<Path> s = Files.list(runs)) {
                    seen = (int) s.count();
                } catch (java.nio.file.NoSuchFileException raced) {
                    seen = 0;
                }
            }
            if (folders == 0 ? Files.exists(out) : seen >= folders) return seen;
            Thread.sleep(1);
        }
        return -1;
    }

    private Process planInto(Path manifest, Path out) throws IOException {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), PlanIntoStore.class.getName(), manifest.toString(), out.toString());
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(Files.createTempFile(tmp, "plan-", ".log").toFile()).start();
    }
}
