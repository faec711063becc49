package io.frugal.harness.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import io.frugal.harness.flow.TinyFlowImages;
import io.frugal.core.store.Json;
import io.frugal.core.store.Plan;
import io.frugal.core.store.PlannedRun;
import io.frugal.core.store.RunStore;
import io.frugal.harness.manifest.Cli;
import io.frugal.harness.plan.Planner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Run dependencies on the real test cluster: a flow-images run needs the classifier that labels
 * its images. The classifier's array is submitted first and the flow run's array with
 * {@code --dependency=afterok} on it; when the classifier fails, SLURM cancels the dependent task
 * (kill_invalid_depend) and status shows it blocked with the classifier's id; resumed with the
 * classifier fixed, both are submitted again (the flow run afterok on the new classifier array)
 * and both finish, the flow run after the classifier.
 */
@Tag("slurm")
class SlurmDependenciesTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void cluster() {
        LocalCluster.require();
    }

    private Path manifest;
    private PlannedRun clf;
    private PlannedRun flow;
    private Path out;
    private RunStore store;
    private String profile;

    /**
     * The manifest planned into OUT as 'run' would (a non-empty folder without plan.json is refused
     * as --out), then a checkpoint that cannot be read: the classifier fails on it.
     */
    @BeforeEach
    void plannedWithAClassifierThatFails() throws Exception {
        manifest = Cli.write(tmp, "deps.yaml", """
                name: slurm-deps
                defaults: {resources: {cpus: 1, mem: 1G, time: "00:10:00"}}
                datasets: [fashion-mnist]
                seeds: [1]
                experiments:
                  - {id: clf, trainer: classifier, model: {width: 0.125}, epochs: 1, batch_size: 50, train_limit: 300,
                     test_limit: 100, augment: false, schedule: {type: full}}
                """ + TinyFlowImages.experiment("flow", "clf", 1, 9));
        Plan plan = Planner.plan(manifest, null, List.of());
        clf = plan.runs().stream().filter(r -> r.experiment().equals("clf")).findFirst().orElseThrow();
        flow = plan.runs().stream().filter(r -> r.experiment().equals("flow")).findFirst().orElseThrow();
        assertThat(flow.inputs()).containsEntry("classifier", clf.id());
        out = tmp.resolve("slurm");
        store = new RunStore(out);
        io.frugal.harness.plan.PlanWriter.write(store, plan);
        Files.createDirectories(store.run(clf.id()).checkpointDir());
        Files.writeString(store.run(clf.id()).checkpoint(), "not a checkpoint");
        profile = LocalCluster.profile(tmp, "").toString();
    }

    @Test
    void aFailedUpstreamLeavesItsDependentBlockedAndAResumeRunsBothInOrder() throws Exception {
        Cli s = Cli.run("run", manifest.toString(), "--out", out.toString(), "--executor", "slurm", "--cluster", profile);
        assertThat(s.code).as(s.out + s.err).isZero();
        assertThat(s.out).contains("afterok");
        List<Submission.Array> arrays = Submission.all(store).get(0).arrays();
        assertThat(arrays).hasSize(2);
        assertThat(arrays.get(0).runs()).containsExactly(clf.id());
        assertThat(arrays.get(1).runs()).containsExactly(flow.id());
        assertThat(arrays.get(1).after()).containsExactly(arrays.get(0).jobId());

        String status = LocalCluster.awaitStatus(out, t -> lineOf(t, flow.id()).contains("blocked"), Duration.ofMinutes(4));
        assertThat(lineOf(status, clf.id())).contains("failed");
        assertThat(lineOf(status, flow.id())).contains("blocked").contains("needs run " + clf.id());
        assertThat(store.run(flow.id()).log()).as("the dependent never started").doesNotExist();
        Cli report = Cli.run("report", out.toString());
        assertThat(report.out + report.err).contains("blocked").contains(clf.id());
        // retrying only timed-out runs when the one failed run FAILED: nothing to do, and it says what the failures are
        Cli timeouts = Cli.run("run", out.toString(), "--retry-failed", "--states", "TIMEOUT", "--executor", "slurm", "--cluster", profile);
        assertThat(timeouts.code).as(timeouts.out + timeouts.err).isZero();
        assertThat(timeouts.out).contains("no failed run's last SLURM state is TIMEOUT").contains("the failed runs' states: FAILED (1)");
        assertThat(Submission.all(store)).as("nothing submitted").hasSize(1);

        // the classifier fixed (its bad checkpoint gone), --resume submits it again and the flow run
        // after it (afterok on the new classifier array); both finish, the flow run after the classifier
        resumeRunsBothInOrder();
    }

    /**
     * --resume right after the classifier failed, while the flow run's task still waits for the
     * failed job (SLURM cancels such a task on a later scheduling pass; here it is held, as an admin
     * or a user may hold jobs, which keeps it pending for sure): the task can never start, so the
     * resume must cancel it and submit the flow run again, after the classifier's new job, and not
     * count it as queued.
     */
    @Test
    void aResumeWhileTheDependentStillWaitsForTheFailedUpstreamSubmitsBothAgain() throws Exception {
        Cli s = Cli.run("run", manifest.toString(), "--out", out.toString(), "--executor", "slurm", "--cluster", profile);
        assertThat(s.code).as(s.out + s.err).isZero();
        Submission.Array flowArray = Submission.all(store).get(0).arrays().get(1);
        assertThat(flowArray.runs()).containsExactly(flow.id());
        SlurmCommands.Result hold = LocalCluster.run("scontrol", "hold", flowArray.jobId());
        try {
            assertThat(hold.ok()).as(hold.message()).isTrue();
            resumeWhileHeld(flowArray);
        } finally {
            LocalCluster.run("scancel", flowArray.jobId()); // never leave a held job on the shared cluster
        }
    }

    private void resumeWhileHeld(Submission.Array flowArray) throws Exception {
        String clfTask = Submission.all(store).get(0).arrays().get(0).jobId() + "_0";
        long end = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (!LocalCluster.run("sacct", "-n", "-X", "-P", "-j", clfTask, "-o", "State").stdout().contains("FAILED") && System.nanoTime() < end) {
            Thread.sleep(1000);
        }
        assertThat(LocalCluster.run("squeue", "-h", "-r", "-j", flowArray.jobId(), "-o", "%i|%T").stdout())
                .as("the flow task still waits for the failed classifier").contains("PENDING");

        resumeRunsBothInOrder();
        assertThat(LocalCluster.run("squeue", "-h", "-r", "-j", flowArray.jobId(), "-o", "%i|%T").stdout())
                .as("the stale task was cancelled").doesNotContain("PENDING");
    }

    private void resumeRunsBothInOrder() throws Exception {
        Files.delete(store.run(clf.id()).checkpoint());
        Cli resume = Cli.run("run", out.toString(), "--resume", "--executor", "slurm", "--cluster", profile);
        assertThat(resume.code).as(resume.out + resume.err).isZero();
        assertThat(resume.out).contains("submitted 2 runs").contains("afterok");
        List<Submission> subs = Submission.all(store);
        assertThat(subs).hasSize(2);
        List<Submission.Array> again = subs.get(1).arrays();
        assertThat(again).hasSize(2);
        assertThat(again.get(0).runs()).containsExactly(clf.id());
        assertThat(again.get(1).runs()).containsExactly(flow.id());
        assertThat(again.get(1).after()).containsExactly(again.get(0).jobId());
        String resumed = LocalCluster.awaitStatus(out, x -> x.contains("2 done") || lineOf(x, flow.id()).contains("failed"),
                Duration.ofMinutes(8));
        assertThat(resumed).as(resumed + "\nsacct:\n" + LocalCluster.run("sacct", "-X", "-P", "-n", "--starttime", "now-1hour",
                "--format", "JobID,JobName%40,State,ExitCode").stdout()).contains("2 done");
        Instant clfDone = Instant.parse(Json.read(store.run(clf.id()).result()).path("finished_at").asText());
        assertThat(Files.getLastModifiedTime(store.run(flow.id()).metrics()).toInstant()).isAfter(clfDone);
        assertThat(Json.read(store.run(flow.id()).result()).path("classifier_run").asText()).isEqualTo(clf.id());
    }

    private static String lineOf(String text, String id) {
        return text.lines().filter(l -> l.startsWith(id)).findFirst().orElse("");
    }
}
