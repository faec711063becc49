package io.frugal.harness.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import io.frugal.harness.exec.RunState;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading sacct's and squeue's answers (the lines below are what SLURM 22.05 printed on the test cluster). */
class SlurmTrackerTest {
    private static final Submission SUB = new Submission("s", "frugal-s", "2026-11-22T11:27:13Z", "2026-11-22T11:27:13", null,
            Path.of("/out/slurm/s"), List.of(new Submission.Array("7", "a.sbatch", 0, List.of("r0", "r1", "r2", "r3", "r4"), List.of())), "8");

    @Test
    void pendingTaskRangesAreExpanded() {
        assertThat(SlurmTracker.expandArrayIds("12_[0-2,5%4]")).containsExactly("12_0", "12_1", "12_2", "12_5");
        assertThat(SlurmTracker.expandArrayIds("12_3")).containsExactly("12_3");
        assertThat(SlurmTracker.expandArrayIds("13")).containsExactly("13");
    }

    @Test
    void requeuedAttemptsAreSummedAndTheLastOneDecidesTheState() {
        String sacct = """
                7_0|REQUEUED|0:0|2026-11-22T11:27:13|2026-11-22T11:27:20|12
                7_0|COMPLETED|0:0|2026-11-22T11:27:33|2026-11-22T11:27:45|9
                7_1|TIMEOUT|0:0|2026-11-22T11:27:13|2026-11-22T11:27:13|60
                7_2|CANCELLED by 0|0:15|2026-11-22T11:27:13|2026-11-22T11:27:14|3
                7_3|RUNNING|0:0|2026-11-22T11:27:13|2026-11-22T11:27:15|2
                7_[4%2]|PENDING|0:0|2026-11-22T11:27:13|Unknown|0
                8|PENDING|0:0|2026-11-22T11:27:13|Unknown|0
                """;
        SlurmTracker.View v = SlurmTracker.fromSacct(List.of(SUB), sacct);
        SlurmTracker.TaskView r0 = v.runs().get("r0");
        assertThat(r0.runState()).isEqualTo(RunState.State.DONE);
        assertThat(r0.restarts()).isEqualTo(1);
        assertThat(r0.elapsedSeconds()).isEqualTo(9);
        assertThat(r0.totalElapsedSeconds()).isEqualTo(21);
        assertThat(r0.queueWaitSeconds()).isEqualTo(7);
        assertThat(r0.log()).isEqualTo(Path.of("/out/slurm/s/logs/7_0.out"));
        assertThat(v.runs().get("r1").retryable()).isTrue();
        assertThat(v.runs().get("r2").slurmState()).isEqualTo("CANCELLED");
        assertThat(v.runs().get("r2").runState()).isEqualTo(RunState.State.FAILED);
        assertThat(v.runs().get("r3").runState()).isEqualTo(RunState.State.RUNNING);
        assertThat(v.runs().get("r4").runState()).isEqualTo(RunState.State.QUEUED);
        assertThat(v.reportState()).isEqualTo("PENDING");
    }

    @Test
    void squeueFallbackKnowsOnlyLiveJobs() {
        SlurmTracker.View v = SlurmTracker.fromSqueue(List.of(SUB), "7_3|RUNNING\n7_4|PENDING\n8|PENDING\n");
        assertThat(v.runs().keySet()).containsExactlyInAnyOrder("r3", "r4");
        assertThat(v.source()).isEqualTo("squeue");
    }

    @Test
    void aRunsLatestSubmissionWinsWhenOnlySqueueKnowsItsNewTask() {
        // submitted, its array cancelled as a whole while pending (one bracketed sacct record), then
        // submitted again: the new array waits on its dependency, so only squeue knows it
        Submission first = new Submission("a", "frugal-a", "2026-11-22T11:27:13Z", "2026-11-22T11:27:13", null, Path.of("/out/slurm/a"),
                List.of(new Submission.Array("20", "a.sbatch", 0, List.of("up"), List.of()),
                        new Submission.Array("21", "b.sbatch", 1, List.of("down"), List.of("20"))), "22");
        Submission second = new Submission("b", "frugal-b", "2026-11-22T11:30:13Z", "2026-11-22T11:30:13", null, Path.of("/out/slurm/b"),
                List.of(new Submission.Array("30", "a.sbatch", 0, List.of("up"), List.of()),
                        new Submission.Array("31", "b.sbatch", 1, List.of("down"), List.of("30"))), "32");
        SlurmCommands fake = new SlurmCommands(1, 1) {
            @Override
            protected Result once(List<String> command) {
                String all = String.join(" ", command);
                if (all.contains("sacct")) {
                    return new Result(command, 0, """
                            20_0|FAILED|2:0|2026-11-22T11:27:13|2026-11-22T11:27:14|5
                            21_[0%4]|CANCELLED by 0|0:0|2026-11-22T11:27:13|None|0
                            22|COMPLETED|0:0|2026-11-22T11:27:13|2026-11-22T11:27:20|3
                            30_0|RUNNING|0:0|2026-11-22T11:30:13|2026-11-22T11:30:14|2
                            """, "");
                }
                if (all.contains("squeue")) return new Result(command, 0, "30_0|RUNNING\n31_[0%4]|PENDING\n32|PENDING\n", "");
                return new Result(command, 1, "", "unexpected");
            }
        };
        SlurmTracker.View v = new SlurmTracker(fake).refresh(List.of(first, second));
        assertThat(v.runs().get("up").jobId()).isEqualTo("30_0");
        assertThat(v.runs().get("down").jobId()).as("the new task, not the cancelled one").isEqualTo("31_0");
        assertThat(v.runs().get("down").runState()).isEqualTo(RunState.State.QUEUED);
    }

    @Test
    void aReportJobPendingOnItsDependencyIsAskedOfSqueueAndShownPending() {
        // sacct lists the arrays but not the report job, which is not eligible yet (--dependency=afterany)
        SlurmCommands fake = new SlurmCommands(1, 1) {
            @Override
            protected Result once(List<String> command) {
                String all = String.join(" ", command);
                if (all.contains("sacct")) return new Result(command, 0, "7_[0-4%2]|PENDING|0:0|2026-11-22T11:27:13|Unknown|0\n", "");
                if (all.contains("squeue")) return new Result(command, 0, "7_[0-4%2]|PENDING\n8|PENDING\n", "");
                return new Result(command, 1, "", "unexpected");
            }
        };
        SlurmTracker.View v = new SlurmTracker(fake).refresh(List.of(SUB));
        assertThat(v.reportJobId()).isEqualTo("8");
        assertThat(v.reportState()).isEqualTo("PENDING");
    }

    @Test
    void aModuleThatDoesNotLoadStopsTheTaskBeforeTheTrainer() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("frugal-module");
        try {
            java.nio.file.Path profile = java.nio.file.Files.writeString(dir.resolve("p.yaml"), "name: site\nmodules: [nosuch/1.0]\n");
            java.nio.file.Path manifest = io.frugal.harness.manifest.Cli.write(dir, "m.yaml", io.frugal.harness.cli.InputRefusalTestAccess.MANIFEST);
            java.nio.file.Path out = dir.resolve("out");
            var r = io.frugal.harness.manifest.Cli.run("run", manifest.toString(), "--out", out.toString(), "--executor", "slurm",
                    "--cluster", profile.toString(), "--dry-run");
            assertThat(r.code).as(r.out + r.err).isZero();
            java.nio.file.Path script;
            try (var files = java.nio.file.Files.walk(out)) {
                script = files.filter(p -> p.getFileName().toString().startsWith("array-")).findFirst().orElseThrow();
            }
            String line = java.nio.file.Files.readAllLines(script).stream().filter(l -> l.startsWith("module load")).findFirst().orElseThrow();
            Process bash = new ProcessBuilder("bash", "-c", "module() { return 1; }\n" + line + "\necho trainer-started")
                    .redirectErrorStream(true).start();
            String said = new String(bash.getInputStream().readAllBytes());
            assertThat(bash.waitFor()).as(said).isEqualTo(1);
            assertThat(said).contains("module load nosuch/1.0' failed").doesNotContain("trainer-started");
        } finally {
            try (var all = java.nio.file.Files.walk(dir)) {
                all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void sacctTimesAreReadAsLocalDateTimeParseReadsThem() {
        for (String t : List.of("2026-11-22T11:27:13", "2024-02-29T23:59:59", "0001-01-01T00:00:00", "2026-11-22T11:27", "2026-11-22T11:27:13.5")) {
            assertThat(SlurmTracker.dateTime(t)).as(t).isEqualTo(java.time.LocalDateTime.parse(t));
        }
        for (String t : List.of("Unknown", "None", "", "2026-13-22T11:27:13", "2025-02-29T11:27:13", "2026-11-22T24:00:00",
                "2026-11-22T11:27:60", "2026-1x-22T11:27:13", "2026-11-22 11:27:13")) {
            assertThat(SlurmTracker.dateTime(t)).as(t).isNull();
        }
    }
}
