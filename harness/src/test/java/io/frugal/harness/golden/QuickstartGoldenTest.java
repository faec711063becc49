package io.frugal.harness.golden;

import io.frugal.core.store.Plan;
import io.frugal.core.store.PlannedRun;
import io.frugal.core.store.RunIds;
import static org.assertj.core.api.Assertions.assertThat;

import io.frugal.harness.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins what users and their scripts read from a run store, byte for byte, so that reshaping the
 * core (trainer kinds, run dependencies, one owner per store file) cannot change it unnoticed:
 * the quickstart's plan.json and every config.json (hence its run ids), and the report of a real
 * quickstart store in every format. The expected files were written by frugal before that change
 * ({@code -Dfrugal.golden.record=true} writes them again, for a deliberate change of format, which
 * then shows in the diff of the test resources).
 */
class QuickstartGoldenTest {
    static final Path GOLDEN = Path.of("src/test/resources/golden/quickstart");
    static final boolean RECORD = Boolean.getBoolean("frugal.golden.record");

    @TempDir
    Path tmp;

    @Test
    void planAndConfigsOfTheQuickstartAreUnchanged() throws IOException {
        Path out = tmp.resolve("out");
        // --dry-run writes nothing; planning into a store is what 'run' does before training, so
        // plan with 'run' on an executor that finds every run done: the configs are written first.
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), "plan",
                "../manifests/quickstart.yaml", "--format", "json");
        assertThat(code).as(err.toString()).isZero();
        Plan plan = io.frugal.harness.plan.Planner.plan(Path.of("../manifests/quickstart.yaml"), null, List.of());
        io.frugal.harness.plan.PlanWriter.write(new io.frugal.core.store.RunStore(out), plan);
        compare(out.resolve("plan.json"), GOLDEN.resolve("plan/plan.json"));
        List<String> ids;
        try (Stream<Path> runs = Files.list(out.resolve("runs"))) {
            ids = runs.map(p -> p.getFileName().toString()).sorted().toList();
        }
        if (RECORD) Files.writeString(mkdirs(GOLDEN.resolve("plan/ids.txt")), String.join("\n", ids) + "\n");
        assertThat(ids).isEqualTo(Files.readAllLines(GOLDEN.resolve("plan/ids.txt")));
        for (String id : ids) {
            compare(out.resolve("runs").resolve(id).resolve("config.json"), GOLDEN.resolve("plan/configs/" + id + ".json"));
        }
    }

    /**
     * A real quickstart store (done runs with their result.json and metrics.jsonl, failed runs
     * with their failure.json): its report in Markdown, CSV, JSON and LaTeX. Every number comes
     * from stored files, so the time columns are fixed too.
     */
    @Test
    void reportOfAQuickstartStoreIsUnchanged() throws IOException {
        Path store = tmp.resolve("store");
        copyTree(GOLDEN.resolve("store"), store);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out), new PrintWriter(err), "report", store.toString());
        assertThat(code).as(err.toString()).isZero();
        for (String format : List.of("md", "csv", "json", "tex")) {
            compare(store.resolve("report/report." + format), GOLDEN.resolve("report/report." + format));
        }
    }

    private static void compare(Path actual, Path expected) throws IOException {
        if (RECORD) Files.copy(actual, mkdirs(expected), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.readString(actual)).as(actual + " against " + expected).isEqualTo(Files.readString(expected));
    }

    private static Path mkdirs(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        return file;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
    }
}
