package io.frugal.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {
    @TempDir
    Path out;
    final StringWriter stdout = new StringWriter();
    final StringWriter stderr = new StringWriter();

    int frugal(String... args) {
        return Main.execute(new PrintWriter(stdout), new PrintWriter(stderr), args);
    }

    /** A two-run store: a done baseline run and a failed reduced run. */
    @BeforeEach
    void store() throws IOException {
        Files.writeString(out.resolve("plan.json"), """
                {"format": 1, "name": "data-reduction", "source": "arXiv:2208.02007",
                 "manifest": "manifests/data-reduction.yaml", "manifest_sha256": "feedbeef", "profile": "smoke",
                 "overrides": [], "baseline": "baseline",
                 "experiments": [{"id": "baseline", "note": ""}, {"id": "step-E1", "note": ""}],
                 "datasets": ["mnist"], "seeds": [1],
                 "runs": [
                   {"id": "b1", "experiment": "baseline", "dataset": "mnist", "seed": 1, "matrix": {},
                    "epochs": 2, "train_size": 2000, "planned_evaluations": 4000, "baseline_evaluations": 4000,
                    "evaluation_ratio": 1.0, "config": {}},
                   {"id": "s1", "experiment": "step-E1", "dataset": "mnist", "seed": 1, "matrix": {},
                    "epochs": 2, "train_size": 2000, "planned_evaluations": 1750, "baseline_evaluations": 4000,
                    "evaluation_ratio": 0.4375, "config": {}}]}
                """);
        Files.createDirectories(out.resolve("runs/b1"));
        Files.writeString(out.resolve("runs/b1/result.json"), """
                {"status": "done", "run_id": "b1", "experiment": "baseline", "dataset": "mnist", "seed": 1,
                 "epochs": 2, "final_top1": 0.9731, "best_top1": 0.9750, "best_epoch": 1, "evaluations": 4000,
                 "planned_evaluations": 4000, "train_seconds": 12.5, "eval_seconds": 1.0, "wall_seconds": 14.0,
                 "resumes": 0, "finished_at": "2025-01-01T00:00:00Z"}
                """);
        Files.createDirectories(out.resolve("runs/s1"));
        Files.writeString(out.resolve("runs/s1/failure.json"),
                "{\"run_id\": \"s1\", \"exit_code\": 1, \"message\": \"trainer crashed\", \"log\": \"log.txt\", \"at\": \"now\"}");
    }

    @Test
    void printsMarkdownAndWritesEveryFormatEvenWithFailedRuns() {
        assertThat(frugal("report", out.toString())).isZero();
        assertThat(stdout.toString()).startsWith("# frugal report: data-reduction")
                .contains("97.31").contains("1/1").contains("0/1 (1 failed) !")
                .contains("`s1` seed 1: failed, exit 1: trainer crashed");
        for (String f : new String[] {"report.md", "report.csv", "report.json", "report.tex"}) {
            assertThat(out.resolve("report").resolve(f)).isRegularFile();
        }
        assertThat(stderr.toString()).contains("1/2 done runs (1 failed)");
    }

    @Test
    void otherFormatsOnStdout() throws IOException {
        assertThat(frugal("report", out.toString(), "--format", "csv")).isZero();
        assertThat(stdout.toString()).startsWith("dataset,experiment,").contains("0.4375");
        assertThat(stdout.toString()).isEqualTo(Files.readString(out.resolve("report/report.csv")));
    }

    @Test
    void outputFileInsteadOfStdout() throws IOException {
        Path file = out.resolve("elsewhere/table.tex");
        assertThat(frugal("report", out.toString(), "--format", "TEX", "--output", file.toString())).isZero();
        assertThat(stdout.toString()).isEmpty();
        assertThat(Files.readString(file)).contains("\\toprule").isEqualTo(Files.readString(out.resolve("report/report.tex")));
    }

    @Test
    void aFolderThatIsNotARunStoreIsBadInputAndNothingIsWritten(@TempDir Path empty) throws IOException {
        assertThat(frugal("report", empty.toString())).isEqualTo(Main.BAD_INPUT);
        assertThat(stderr.toString()).startsWith("frugal: error: not a frugal output folder: no plan.json");
        assertThat(stdout.toString()).isEmpty();
        try (Stream<Path> files = Files.list(empty)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aDamagedPlanIsBadInputAndNothingIsWritten() throws IOException {
        Files.writeString(out.resolve("plan.json"), "{\"format\": 1, \"runs\": [{\"id\": \"b1\"}]}");
        assertThat(frugal("report", out.toString())).isEqualTo(Main.BAD_INPUT);
        assertThat(stderr.toString()).contains("plan.json: /runs/0/experiment: is required");
        assertThat(out.resolve("report")).doesNotExist();
    }

    @Test
    void anUnknownFormatIsBadInput() {
        assertThat(frugal("report", out.toString(), "--format", "xlsx")).isEqualTo(Main.BAD_INPUT);
        assertThat(stderr.toString()).contains("unknown format 'xlsx' (known: md, csv, json, tex)");
        assertThat(out.resolve("report")).doesNotExist();
    }

    @Test
    void helpDescribesTheCommand() {
        assertThat(frugal("report", "--help")).isZero();
        assertThat(stdout.toString()).contains("Usage: frugal report").contains("--format=FORMAT").contains("OUT/report/");
    }
}
