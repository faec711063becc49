package io.frugal.harness.slurm;

import io.frugal.core.store.Plan;
import io.frugal.core.store.PlannedRun;
import io.frugal.core.store.RunIds;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.frugal.harness.manifest.Cli;
import io.frugal.harness.plan.Planner;
import io.frugal.core.store.Json;
import io.frugal.core.store.RunStore;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SLURM path against the real one-node cluster (scripts/slurm-cluster): real sbatch, sacct,
 * scontrol requeue and time limits, real trainers. Under CI=true a missing cluster fails the
 * suite; elsewhere it is skipped.
 */
@Tag("slurm")
class SlurmClusterTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void cluster() {
        LocalCluster.require();
    }

    static String manifest(String name, int epochs, int trainLimit, String seeds, String experiments) {
        return """
                name: %s
                defaults:
                  trainer: classifier
                  model: {name: hvc, width: 0.125}
                  epochs: %d
                  batch_size: 50
                  optimizer: {name: adam, lr: 1.0e-3, decay_per_epoch: 0.98, lr_floor: 1.0e-7}
                  ema_decay: 0.999
                  augment: false
                  train_limit: %d
                  test_limit: 200
                  resources: {cpus: 1, mem: 1G, time: "00:10:00"}
                datasets: [fashion-mnist]
                seeds: %s
                baseline: baseline
                experiments:
                %s""".formatted(name, epochs, trainLimit, seeds, experiments);
    }

    static final String TWO_EXPERIMENTS = """
              - id: baseline
                schedule: {type: full}
              - id: step
                resources: {cpus: 1, mem: 2G, time: "00:05:00"}
                schedule:
                  type: piecewise
                  sections: [{until: 0.5, fraction: 0.5}, {until: 1.0, fraction: 1.0}]
            """;

    /** What must be equal between two trainings of one run: every metric except times. */
    static List<String> metricsWithoutTimes(RunStore store, String id) throws Exception {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(store.run(id).metrics())) {
            if (line.isBlank()) continue;
            com.fasterxml.jackson.databind.node.ObjectNode o = (com.fasterxml.jackson.databind.node.ObjectNode) Json.parse(line);
            o.remove(List.of("train_seconds", "eval_seconds", "wall_seconds"));
            out.add(Json.canonical(o));
        }
        return out;
    }

    static void assertSameResults(RunStore a, RunStore b, List<String> ids) throws Exception {
        for (String id : ids) {
            JsonNode ra = Json.read(a.run(id).result());
            JsonNode rb = Json.read(b.run(id).result());
            assertThat(rb.path("final_top1").asDouble()).as(id).isEqualTo(ra.path("final_top1").asDouble());
            assertThat(rb.path("best_top1").asDouble()).as(id).isEqualTo(ra.path("best_top1").asDouble());
            assertThat(rb.path("evaluations").asLong()).as(id).isEqualTo(ra.path("evaluations").asLong());
            assertThat(metricsWithoutTimes(b, id)).as(id).isEqualTo(metricsWithoutTimes(a, id));
        }
    }

    static List<String> runIds(Path manifest) {
        return Planner.plan(manifest, null, List.of()).runs().stream().map(r -> r.id()).toList();
    }

    @Test
    void smokeManifestRunsAsArraysWithItsReportJobAfterThemAndMatchesTheLocalExecutor() throws Exception {
        Path manifest = Cli.write(tmp, "smoke.yaml", manifest("smoke", 3, 300, "[1, 2]", TWO_EXPERIMENTS));
        Path local = tmp.resolve("local");
        Cli l = Cli.run("run", manifest.toString(), "--out", local.toString(), "--threads", "1");
        assertThat(l.code).as(l.out + l.err).isZero();

        Path out = tmp.resolve("slurm");
        Cli s = Cli.run("run", manifest.toString(), "--out", out.toString(), "--executor", "slurm", "--cluster",
                ClusterProfileTest.repoFile("jobs/clusters/local.yaml").toString());
        assertThat(s.code).as(s.out + s.err).isZero();
        // two resource sets: two arrays, plus the report job
        assertThat(s.out).contains("submitted 4 runs of smoke as 2 array job(s)").contains("3 sbatch calls");
        String status = LocalCluster.awaitStatus(out, t -> t.contains("4 done") && t.contains("COMPLETED"), Duration.ofMinutes(6));
        assertThat(status).contains("SLURM (sacct, 1 sacct + 0 squeue call(s)): report job");
        assertSameResults(new RunStore(local), new RunStore(out), runIds(manifest));

        // the report job started only after every array task had ended, and wrote the report
        Submission sub = Submission.all(new RunStore(out)).get(0);
        SlurmCommands.Result acct = LocalCluster.run("sacct", "-P", "-n", "-X", "--starttime", sub.sacctStart(), "--name",
                sub.tag() + "," + sub.reportTag(), "--format", "JobID,State,Start,End");
        String lastArrayEnd = "";
        String reportStart = null;
        for (String line : acct.stdout().split("\n")) {
            String[] f = line.split("\\|");
            if (f.length < 4) continue;
            if (f[0].equals(sub.reportJobId())) reportStart = f[2];
            else if (f[3].compareTo(lastArrayEnd) > 0) lastArrayEnd = f[3];
        }
        assertThat(reportStart).as(acct.stdout()).isNotNull();
        assertThat(reportStart.compareTo(lastArrayEnd)).as(acct.stdout()).isGreaterThanOrEqualTo(0);
        assertThat(new RunStore(out).reportDir()).isDirectory();
        // the report (made by the report job, which refreshes SLURM's accounting) has the cluster's runtime columns
        assertThat(Files.readString(new RunStore(out).reportDir().resolve("report.md"))).containsPattern("\\|\\s+SLURM s \\| queue s \\| restarts").contains("*SLURM s*");
        // accounting saved with each run for the runtime tables
        JsonNode acc = Json.read(new RunStore(out).run(runIds(manifest).get(0)).slurmAccounting());
        assertThat(acc.path("job_id").asText()).matches("[0-9]+_[0-9]+");
        assertThat(acc.path("elapsed_final_seconds").asLong()).isPositive();

        // nothing is submitted twice
        Cli again = Cli.run("run", manifest.toString(), "--out", out.toString(), "--executor", "slurm", "--cluster",
                ClusterProfileTest.repoFile("jobs/clusters/local.yaml").toString());
        assertThat(again.code).isZero();
        assertThat(again.out).contains("nothing to submit");
        assertThat(Submission.all(new RunStore(out))).hasSize(1);
    }

    @Test
    void aForcedRequeueAndATimeLimitBothFinishFromTheirCheckpointsWithIdenticalResults() throws Exception {
        // about half a minute of training each: long enough to be interrupted, short enough for CI
        Path manifest = Cli.write(tmp, "interrupt.yaml", manifest("interrupt", 12, 2000, "[3]", """
                  - id: baseline
                    schedule: {type: full}
                  # a one-minute limit and USR1 50 s before it. slurmctld checks for due signals
                  # periodically (here: up to about 30 s late), so the run must train for longer than
                  # 40 s to be sure to get one: on a fast, idle machine a 1000-image run finished
                  # in 15 s, before its USR1. Slower machines need more attempts (max_restarts 20).
                  - id: limited
                    epochs: 10
                    train_limit: 4000
                    resources: {cpus: 1, mem: 1G, time: "00:01:00"}
                    schedule: {type: full, selection: fixed}
                """));
        List<String> ids = runIds(manifest);
        Path local = tmp.resolve("local");
        Path out = tmp.resolve("slurm");
        Cli s = Cli.run("run", manifest.toString(), "--out", out.toString(), "--executor", "slurm", "--cluster",
                LocalCluster.profile(tmp, "").toString());
        assertThat(s.code).as(s.out + s.err).isZero();
        RunStore store = new RunStore(out);
        Submission sub = Submission.all(store).get(0);
        String requeuedRun = ids.get(0);
        String requeuedTask = sub.arrays().stream().filter(a -> a.runs().contains(requeuedRun)).findFirst().orElseThrow().jobId() + "_0";
        // requeue the baseline run once it has finished an epoch (a checkpoint exists and it is mid-training)
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (io.frugal.core.store.MetricsFile.count(store.run(requeuedRun)) < 1 && System.nanoTime() < end) Thread.sleep(500);
        SlurmCommands.Result rq = LocalCluster.run("scontrol", "requeue", requeuedTask);
        assertThat(rq.ok()).as(rq.message()).isTrue();

        // meanwhile the reference: the same runs on the local executor, uninterrupted
        Cli l = Cli.run("run", manifest.toString(), "--out", local.toString(), "--threads", "1");
        assertThat(l.code).as(l.out + l.err).isZero();

        LocalCluster.awaitStatus(out, t -> t.contains("2 done") && t.contains("COMPLETED"), Duration.ofMinutes(8));
        assertSameResults(new RunStore(local), store, ids);
        for (String id : ids) {
            JsonNode acc = Json.read(store.run(id).slurmAccounting());
            assertThat(acc.path("restarts").asInt()).as(id + " " + acc).isGreaterThanOrEqualTo(1);
            assertThat(Json.read(store.run(id).result()).path("resumes").asInt()).as(id).isGreaterThanOrEqualTo(1);
            String log = Files.readString(Path.of(acc.path("log").asText()));
            assertThat(log).contains("(attempt 2)");
            if (id.equals(requeuedRun)) assertThat(log).contains("SIGTERM received");
            else assertThat(log).contains("SIGUSR1 received").contains("requeueing");
        }
    }

    /**
     * SLURM may send the preemption signal at any moment, also while the batch script is still
     * setting up or the trainer's JVM is starting (it did so within a second of a requeued task's
     * start here). The task must still requeue itself and the run finish as if uninterrupted.
     */
    @Test
    void aPreemptionSignalRightAtTheStartStillRequeuesAndTheRunFinishesUnchanged() throws Exception {
        Path manifest = Cli.write(tmp, "early.yaml", manifest("early", 2, 300, "[4]", """
                  - id: baseline
                    schedule: {type: full}
                """));
        String id = runIds(manifest).get(0);
        Path local = tmp.resolve("local");
        Path out = tmp.resolve("slurm");
        Cli s = Cli.run("run", manifest.toString(), "--out", out.toString(), "--executor", "slurm", "--cluster",
                LocalCluster.profile(tmp, "").toString());
        assertThat(s.code).as(s.out + s.err).isZero();
        Submission sub = Submission.all(new RunStore(out)).get(0);
        String task = sub.arrays().get(0).jobId() + "_0";
        // signal the batch script (as --signal=B:USR1 does) the moment SLURM shows the task running
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!LocalCluster.run("squeue", "-h", "-t", "R", "-j", task, "-o", "%i").stdout().contains(task) && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        // ... and its script has set its traps (it says which attempt this is before it starts the trainer's JVM):
        // a signal before bash has read the script's first lines would end any batch script, and SLURM's
        // --signal=B:USR1@N comes N seconds before the end, never then. On an idle machine the poll above
        // sees R before bash starts.
        Path taskLog = sub.taskLog(sub.arrays().get(0).jobId(), 0);
        while (!(Files.isRegularFile(taskLog) && Files.readString(taskLog).contains("(attempt 1)")) && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        SlurmCommands.Result signal = LocalCluster.run("scancel", "--batch", "--signal=USR1", task);
        assertThat(signal.ok()).as(signal.message()).isTrue();

        Cli l = Cli.run("run", manifest.toString(), "--out", local.toString(), "--threads", "1");
        assertThat(l.code).as(l.out + l.err).isZero();
        String status = LocalCluster.awaitStatus(out, t -> t.contains("1 done") || t.contains("1 failed"), Duration.ofMinutes(4));
        assertThat(status).contains("1 done");
        assertSameResults(new RunStore(local), new RunStore(out), List.of(id));
        String log = Files.readString(sub.taskLog(sub.arrays().get(0).jobId(), 0));
        System.out.println("early-signal task log:\n" + log);
        assertThat(log).contains("SIGUSR1 received").contains("requeueing").contains("(attempt 2)");
    }

    @Test
    void aFailingRunIsReportedWithItsJobIdAndLogAndThenRetried() throws Exception {
        Path manifest = Cli.write(tmp, "fail.yaml", manifest("fail", 2, 200, "[5]", """
                  - id: baseline
                    schedule: {type: full}
                """));
        Path out = tmp.resolve("slurm");
        RunStore store = new RunStore(out);
        String id = runIds(manifest).get(0);
        // planned into OUT as 'run' would (a non-empty folder without plan.json is refused as --out),
        // then a checkpoint that cannot be read: the trainer must fail on it
        io.frugal.harness.plan.PlanWriter.write(store, Planner.plan(manifest, null, List.of()));
        Files.createDirectories(store.run(id).checkpointDir());
        Files.writeString(store.run(id).checkpoint(), "not a checkpoint");
        String profile = LocalCluster.profile(tmp, "").toString();
        Cli s = Cli.run("run", manifest.toString(), "--out", out.toString(), "--executor", "slurm", "--cluster", profile);
        assertThat(s.code).as(s.out + s.err).isZero();
        // the run store knows of the failure (failure.json) before sacct does: wait for both
        String status = LocalCluster.awaitStatus(out, t -> t.contains("1 failed") && t.contains("SLURM FAILED"), Duration.ofMinutes(3));
        Submission sub = Submission.all(store).get(0);
        String job = sub.arrays().get(0).jobId() + "_0";
        assertThat(status).contains("SLURM FAILED").contains("job " + job).contains(sub.taskLog(sub.arrays().get(0).jobId(), 0).toString());

        Files.delete(store.run(id).checkpoint());
        // --states picks failures by their SLURM state: this one FAILED, it did not time out
        Cli notThese = Cli.run("run", out.toString(), "--retry-failed", "--states", "TIMEOUT,PREEMPTED,NODE_FAIL", "--executor", "slurm", "--cluster", profile);
        assertThat(notThese.code).as(notThese.out + notThese.err).isZero();
        assertThat(notThese.out).contains("nothing to submit");
        Cli notAFailure = Cli.run("run", out.toString(), "--retry-failed", "--states", "RUNNING", "--executor", "slurm", "--cluster", profile);
        assertThat(notAFailure.code).isEqualTo(2);
        assertThat(notAFailure.err).contains("--states: 'RUNNING' is not a SLURM failure state");
        assertThat(Submission.all(store)).hasSize(1);
        Cli these = Cli.run("run", out.toString(), "--retry-failed", "--states", "FAILED", "--executor", "slurm", "--cluster", profile, "--validate");
        assertThat(these.code).as(these.out + these.err).isZero();
        assertThat(these.out).contains("validated: 1 runs");
        assertThat(Submission.all(store)).hasSize(1);
        Cli retry = Cli.run("run", out.toString(), "--retry-failed", "--executor", "slurm", "--cluster", profile);
        assertThat(retry.code).as(retry.out + retry.err).isZero();
        assertThat(retry.out).contains("submitted 1 runs");
        LocalCluster.awaitStatus(out, t -> t.contains("1 done"), Duration.ofMinutes(3));
        assertThat(Submission.all(store)).hasSize(2);
    }

    @Test
    void dryRunAndValidateSubmitNothing() throws Exception {
        Path manifest = Cli.write(tmp, "m.yaml", manifest("dry", 2, 200, "[1, 2]", TWO_EXPERIMENTS));
        Path out = tmp.resolve("slurm");
        String profile = ClusterProfileTest.repoFile("jobs/clusters/local.yaml").toString();
        String before = LocalCluster.run("squeue", "-h", "-o", "%i").stdout();
        Cli dry = Cli.run("run", manifest.toString(), "--out", out.toString(), "--executor", "slurm", "--cluster", profile, "--dry-run");
        assertThat(dry.code).as(dry.err).isZero();
        assertThat(dry.out).contains("dry run: 4 runs rendered as 2 array script(s)");
        assertThat(out.resolve("slurm/dry-run/array-1.sbatch")).isRegularFile();
        assertThat(out.resolve("plan.json")).doesNotExist();
        Cli valid = Cli.run("run", manifest.toString(), "--out", out.toString(), "--executor", "slurm", "--cluster", profile, "--validate");
        assertThat(valid.code).as(valid.out + valid.err).isZero();
        assertThat(valid.out).contains("valid: array-0.sbatch").contains("valid: report.sbatch").contains("to start at");
        assertThat(LocalCluster.run("squeue", "-h", "-o", "%i").stdout()).isEqualTo(before);
        assertThat(Submission.all(new RunStore(out))).isEmpty();

        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, "name: bad\npartition: nosuch\n");
        Cli refused = Cli.run("run", manifest.toString(), "--out", out.toString(), "--executor", "slurm", "--cluster", bad.toString(), "--validate");
        assertThat(refused.code).isEqualTo(2);
        assertThat(refused.err).contains("SLURM refused the job").contains("partition");
    }

    @Test
    void aRefusedSbatchCancelsWhatWasAlreadySubmittedAndRecordsNothing() throws Exception {
        // the second array asks for more memory than the node has: sbatch accepts the first, refuses the second
        Path manifest = Cli.write(tmp, "m.yaml", manifest("refused", 2, 200, "[1]", """
                  - id: baseline
                    schedule: {type: full}
                  - id: huge
                    resources: {cpus: 1, mem: 900000G, time: "00:05:00"}
                    schedule: {type: full}
                """));
        Path out = tmp.resolve("slurm");
        Cli r = Cli.run("run", manifest.toString(), "--out", out.toString(), "--executor", "slurm", "--cluster",
                ClusterProfileTest.repoFile("jobs/clusters/local.yaml").toString());
        assertThat(r.code).as(r.out + r.err).isEqualTo(2);
        assertThat(r.err).contains("SLURM refused the job: sbatch array-1.sbatch").contains("Memory specification can not be satisfied")
                .contains("the 1 job(s) already submitted were cancelled, nothing was recorded");
        assertThat(Submission.all(new RunStore(out))).isEmpty();
        // the cancelled array is gone from the queue: nothing a retry could duplicate
        Thread.sleep(1000);
        assertThat(LocalCluster.run("squeue", "-h", "-o", "%j|%T").stdout()).doesNotContain("frugal-");
    }

    @Test
    void anUnreachableControllerFailsWithExitOneAndRecordsNothing() throws Exception {
        // the same cluster config with a port nobody listens on
        Path conf = tmp.resolve("slurm.conf");
        String real = Files.readString(Path.of("/etc/slurm/slurm.conf"));
        Files.writeString(conf, real.replaceAll("(?m)^SlurmctldPort=.*$", "SlurmctldPort=6999"));
        Files.copy(Path.of("/etc/slurm/slurm.conf").toRealPath().getParent().resolve("gres.conf"), tmp.resolve("gres.conf"));
        Path manifest = Cli.write(tmp, "m.yaml", manifest("down", 2, 200, "[1]", "  - {id: baseline, schedule: {type: full}}\n"));
        Path out = tmp.resolve("slurm");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.frugal.harness.cli.Main", "run", manifest.toString(),
                "--out", out.toString(), "--executor", "slurm", "--cluster",
                ClusterProfileTest.repoFile("jobs/clusters/local.yaml").toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("o.txt").toFile())
                .redirectInput(new File("/dev/null"));
        pb.environment().put("SLURM_CONF", conf.toString());
        Process p = pb.start();
        assertThat(p.waitFor(3, TimeUnit.MINUTES)).isTrue();
        String o = Files.readString(tmp.resolve("o.txt"));
        assertThat(p.exitValue()).as(o).isEqualTo(1);
        assertThat(o).contains("frugal: error: cannot reach the SLURM controller");
        assertThat(Submission.all(new RunStore(out))).isEmpty();
    }

    @Test
    void aTenThousandRunPlanIsAHandfulOfSbatchCallsAndOneSacctCallPerStatus() throws Exception {
        StringBuilder seeds = new StringBuilder("[");
        for (int i = 1; i <= 5000; i++) seeds.append(i == 1 ? "" : ", ").append(i);
        Path manifest = Cli.write(tmp, "big.yaml", manifest("big", 2, 200, seeds.append(']').toString(), TWO_EXPERIMENTS));
        Path out = tmp.resolve("slurm");
        String profile = LocalCluster.profile(tmp, "").toString();
        long t0 = System.nanoTime();
        Cli dry = Cli.run("run", manifest.toString(), "--out", out.toString(), "--executor", "slurm", "--cluster", profile, "--dry-run");
        assertThat(dry.code).as(dry.err).isZero();
        // MaxArraySize 1001: indices 0..1000, so 1000 runs per array: 5 per resource set
        assertThat(dry.out).contains("dry run: 10000 runs rendered as 10 array script(s)");
        System.out.printf("10000-run dry run: %.1f s%n", (System.nanoTime() - t0) / 1e9);
        // a busy cluster: the node takes no jobs, so they really queue (eligible, as sacct lists them) and never run
        assertThat(LocalCluster.run("scontrol", "update", "nodename=localnode", "state=drain", "reason=frugal-test").ok()).isTrue();
        try {
            t0 = System.nanoTime();
            Cli s = Cli.run("run", manifest.toString(), "--out", out.toString(), "--executor", "slurm", "--cluster", profile);
            assertThat(s.code).as(s.out + s.err).isZero();
            assertThat(s.out).contains("submitted 10000 runs of big as 10 array job(s)").contains("11 sbatch calls");
            System.out.printf("10000-run submission (plan written + 11 sbatch calls): %.1f s%n", (System.nanoTime() - t0) / 1e9);
            // Accounting records arrive a moment after submission (more slowly on a loaded machine):
            // until sacct knows every array, a refresh adds one squeue call; never more than one
            // sacct call per refresh.
            long deadline = System.currentTimeMillis() + 90_000;
            Cli st;
            do {
                Thread.sleep(2000);
                t0 = System.nanoTime();
                st = Cli.run("status", out.toString(), "--summary");
                assertThat(st.out).contains("10000 runs: 0 planned, 10000 queued").containsPattern("1 sacct \\+ [01] squeue call");
            } while (!(st.out.contains("(sacct") && st.out.contains("report job ") && !st.out.contains("not known"))
                    && System.currentTimeMillis() < deadline);
            // once sacct knows every array: one sacct call, plus one squeue call only while the report job
            // waits on its dependency (sacct has no record of a job that never started)
            assertThat(st.out).containsPattern("\\(sacct(\\+squeue)?, 1 sacct \\+ [01] squeue call\\(s\\)\\): report job [0-9]+");
            System.out.printf("status of 10000 runs (1 sacct call): %.1f s%n", (System.nanoTime() - t0) / 1e9);
        } finally {
            for (Submission sub : Submission.all(new RunStore(out))) {
                List<String> ids = new ArrayList<>(sub.arrays().stream().map(Submission.Array::jobId).toList());
                ids.add(sub.reportJobId());
                LocalCluster.run("scancel", String.join(",", ids));
            }
            LocalCluster.run("scontrol", "update", "nodename=localnode", "state=resume");
        }
    }
}
