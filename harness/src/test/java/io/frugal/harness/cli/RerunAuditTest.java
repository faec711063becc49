package io.frugal.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frugal.analysis.store.RunRecord;
import io.frugal.analysis.store.RunState;
import io.frugal.core.kind.PlannedCost;
import io.frugal.core.store.Json;
import io.frugal.core.store.PlannedRun;
import io.frugal.core.store.RunDirectory;
import io.frugal.core.store.RunIds;
import io.frugal.harness.manifest.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The determinism audit's choices that need no training: which runs it samples (the kinds in
 * turn, so a small K still covers every kind of a store), which runs it compares within the GPU
 * tolerance (those whose provenance says a GPU trained them), and a bad tolerance refused.
 */
class RerunAuditTest {
    @TempDir
    Path tmp;

    private static RunRecord done(String trainer, long seed, RunState state) {
        ObjectNode c = Json.object().put("trainer", trainer).put("experiment", trainer).put("dataset", "d").put("seed", seed);
        return new RunRecord(new PlannedRun(RunIds.of(c), trainer, "d", seed, Json.object(), new PlannedCost(Json.object(), 1, 1), Map.of(), c),
                state, null, null, null);
    }

    @Test
    void theSampleTakesTheKindsInTurnAndOnlyDoneRuns() {
        List<RunRecord> runs = new ArrayList<>();
        for (long s = 1; s <= 6; s++) runs.add(done("classifier", s, RunState.DONE));
        runs.add(done("flow", 1, RunState.DONE));
        runs.add(done("byol", 1, RunState.FAILED));
        runs.add(done("byol", 2, RunState.DONE));
        List<RunRecord> three = RerunAudit.sample(runs, 3);
        assertThat(three).extracting(r -> r.planned().experiment()).containsExactlyInAnyOrder("classifier", "flow", "byol");
        assertThat(three).allMatch(RunRecord::isDone);
        // the same sample every time (a fixed seed), and K beyond the done runs takes them all
        assertThat(RerunAudit.sample(runs, 3)).isEqualTo(three);
        assertThat(RerunAudit.sample(runs, 50)).hasSize(8).doesNotHaveDuplicates();
        assertThat(RerunAudit.sample(runs, 0)).isEmpty();
    }

    @Test
    void aRunIsComparedWithinTheToleranceOnlyWhereItsProvenanceSaysAGpuTrainedIt() throws Exception {
        RunDirectory run = new RunDirectory(tmp.resolve("run"));
        Files.createDirectories(run.dir());
        assertThat(RerunAudit.onGpu(run)).isFalse(); // no provenance: compared bitwise
        ObjectNode p = Json.object();
        p.putObject("engine").put("gpus", 1);
        p.putObject("config").put("trainer", "classifier");
        Json.writeAtomically(run.provenance(), p);
        assertThat(RerunAudit.onGpu(run)).isTrue();
        ((ObjectNode) p.get("config")).put("device", "cpu"); // a GPU node, but the run asked for the CPU
        Json.writeAtomically(run.provenance(), p);
        assertThat(RerunAudit.onGpu(run)).isFalse();
    }

    @Test
    void aNegativeOrInfiniteToleranceIsBadInput() {
        for (String bad : new String[] {"-1e-4", "Infinity", "NaN"}) {
            Cli verify = Cli.run("verify", tmp.resolve("out").toString(), "--rerun", "1", "--gpu-tolerance", bad);
            assertThat(verify.code).as(bad).isEqualTo(2);
            assertThat(verify.err).contains("--gpu-tolerance must be a finite number");
        }
        assertThat(tmp.resolve("out")).doesNotExist();
    }
}
