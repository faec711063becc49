package io.frugal.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import io.frugal.harness.slurm.Submission;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
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

    /** A damaged result.json is news on standard error, not only inside the report file. */
    @Test
    void namesEveryRunLeftOutOnStandardError() throws IOException {
        Files.writeString(out.resolve("runs/b1/result.json"), Files.readString(out.resolve("runs/b1/result.json"))
                .replace("\"best_top1\": 0.9750", "\"best_top1\": 0.9750, \"best_top1\": 0.9"));
        assertThat(frugal("report", out.toString())).isZero();
        assertThat(stderr.toString())
                .containsPattern("frugal: left out: run b1 \\(mnist / baseline, seed 1\\): corrupt result: .*(?i)duplicate")
                .contains("frugal: left out: run s1 (mnist / step-E1, seed 1): failed: trainer crashed")
                .contains("0/2 done runs (1 failed)");
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
        assertThat(stderr.toString()).contains("unknown format 'xlsx' (known: md, csv, json, tex, html)");
        assertThat(out.resolve("report")).doesNotExist();
    }

    /** A submission record of both runs, as `frugal run --executor slurm` leaves it (job ids made up). */
    private void submitted() throws IOException {
        Path dir = Files.createDirectories(out.resolve("slurm/20250101-000000-abcd"));
        new Submission("20250101-000000-abcd", "frugal-20250101-000000-abcd", "2025-01-01T00:00:00Z", "2025-01-01T00:00:00",
                "local", dir, List.of(new Submission.Array("4242", "train.sbatch", 0, List.of("b1", "s1"), List.of())), "4243").write();
    }

    @Test
    void withoutReachableSlurmTheReportWarnsAndUsesTheAccountingOnDisk() throws Exception {
        submitted();
        Files.writeString(out.resolve("runs/b1/slurm.json"), """
                {"job_id": "4242_0", "state": "COMPLETED", "restarts": 1, "elapsed_final_seconds": 40,
                 "elapsed_total_seconds": 95, "queue_wait_seconds": 7, "log": "slurm/x/logs/4242_0.out"}
                """);
        // its own JVM, with a PATH that holds no SLURM client: what a machine without SLURM looks like
        Path noSlurm = Files.createDirectories(out.resolve("empty-bin"));
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.frugal.harness.cli.Main", "report", out.toString());
        Path stdoutFile = out.resolve("stdout.txt");
        Path stderrFile = out.resolve("stderr.txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(stdoutFile.toFile()).redirectError(stderrFile.toFile());
        pb.environment().put("PATH", noSlurm.toString());
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String err = Files.readString(stderrFile);
        assertThat(p.exitValue()).as(err).isZero();
        List<String> warnings = err.lines().filter(l -> l.startsWith("frugal: warning: ")).toList();
        assertThat(warnings).singleElement().asString().contains("cannot run sacct").contains("cannot run squeue")
                .endsWith("; SLURM accounting not refreshed");
        assertThat(err).contains("1/2 done runs (1 failed)");
        String md = Files.readString(stdoutFile);
        assertThat(md).contains("SLURM s").contains("95.0").contains("SLURM columns, from the accounting");
        assertThat(Files.readString(out.resolve("report/report.csv"))).contains("slurm_elapsed_seconds_mean");
    }

    @Test
    void aDamagedPlanOfASubmittedStoreIsBadInputBeforeSlurmIsAsked() throws IOException {
        submitted();
        Files.writeString(out.resolve("runs/b1/slurm.json"), "{}");
        Files.writeString(out.resolve("plan.json"), "{\"format\": 1, \"runs\": [{\"id\": \"b1\"}]}");
        assertThat(frugal("report", out.toString())).isEqualTo(Main.BAD_INPUT);
        assertThat(stderr.toString()).contains("plan.json: /runs/0/experiment: is required").doesNotContain("warning");
        assertThat(out.resolve("runs/b1/slurm.json")).hasContent("{}");
        assertThat(out.resolve("report")).doesNotExist();
    }

    @Test
    void helpDescribesTheCommand() {
        assertThat(frugal("report", "--help")).isZero();
        assertThat(stdout.toString()).contains("Usage: frugal report").contains("--format=FORMAT").contains("OUT/report/");
    }
}
