package io.frugal.harness.slurm;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Run dependencies on the real test cluster: a flow-images run needs the classifier that labels
 * its images. The classifier's array is submitted first and the flow run's array with
 * {@code --dependency=afterok} on it; when the classifier fails, SLURM cancels the dependent task
 * (kill_invalid_depend) and status shows it blocked with the classifier's id; with a healthy
 * classifier, both run, the flow run after the classifier.
 */
@Tag("slurm")
class SlurmDependenciesTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void cluster() {
        LocalCluster.require();
    }

    @Test
    void aFailedUpstreamLeavesItsDependentBlockedAndAResumeRunsBothInOrder() throws Exception {
        Path manifest = Cli.write(tmp, "deps.yaml", """
                name: slurm-deps
                defaults: {resources: {cpus: 1, mem: 1G, time: "00:10:00"}}
                datasets: [fashion-mnist]
                seeds: [1]
                experiments:
                  - {id: clf, trainer: classifier, model: {width: 0.125}, epochs: 1, batch_size: 50, train_limit: 300,
                     test_limit: 100, augment: false, schedule: {type: full}}
                  - id: flow
                    needs: {classifier: clf}
                    trainer: flow-images
                    classes: [1, 9]
                    proportions: [0.75, 0.25]
                    train_size: 20
                    batch_size: 10
                    epochs: 2
                    denoiser: {channels: [4, 8], time_features: 8}
                    optimizer: {lr: 1.0e-3, warmup_steps: 2}
                    sampler_steps: 4
                    samples: 6
                    uturn: {times: [0.6, 0.3], images: 4}
                """);
        Plan plan = Planner.plan(manifest, null, List.of());
        PlannedRun clf = plan.runs().stream().filter(r -> r.experiment().equals("clf")).findFirst().orElseThrow();
        PlannedRun flow = plan.runs().stream().filter(r -> r.experiment().equals("flow")).findFirst().orElseThrow();
        assertThat(flow.inputs()).containsEntry("classifier", clf.id());
        Path out = tmp.resolve("slurm");
        RunStore store = new RunStore(out);
        // planned into OUT as 'run' would (a non-empty folder without plan.json is refused as --out),
        // then a checkpoint that cannot be read: the classifier fails on it
        io.frugal.harness.plan.PlanWriter.write(store, plan);
        Files.createDirectories(store.run(clf.id()).checkpointDir());
        Files.writeString(store.run(clf.id()).checkpoint(), "not a checkpoint");
        String profile = LocalCluster.profile(tmp, "").toString();

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

        // with a healthy classifier (a new store), the flow run's array waits for it and trains after it
        Path fresh = tmp.resolve("slurm-fresh");
        RunStore again = new RunStore(fresh);
        Cli t = Cli.run("run", manifest.toString(), "--out", fresh.toString(), "--executor", "slurm", "--cluster", profile);
        assertThat(t.code).as(t.out + t.err).isZero();
        assertThat(t.out).contains("submitted 2 runs").contains("afterok");
        LocalCluster.awaitStatus(fresh, x -> x.contains("2 done"), Duration.ofMinutes(6));
        Instant clfDone = Instant.parse(Json.read(again.run(clf.id()).result()).path("finished_at").asText());
        assertThat(Files.getLastModifiedTime(again.run(flow.id()).metrics()).toInstant()).isAfter(clfDone);
        assertThat(Json.read(again.run(flow.id()).result()).path("classifier_run").asText()).isEqualTo(clf.id());
    }

    private static String lineOf(String text, String id) {
        return text.lines().filter(l -> l.startsWith(id)).findFirst().orElse("");
    }
}
