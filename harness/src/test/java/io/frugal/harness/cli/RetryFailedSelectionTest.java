package io.frugal.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.frugal.harness.flow.TinyFlowImages;
import io.frugal.core.store.Plan;
import io.frugal.core.store.PlannedRun;
import io.frugal.core.store.RunStore;
import io.frugal.harness.plan.PlanWriter;
import io.frugal.harness.plan.Planner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code frugal run OUT --retry-failed} trains again (local executor): the failed runs (a
 * failure.json, or a result.json that fails its checks) and the runs blocked by them, in plan
 * order; not the runs that never ran, nor runs of other inputs.
 */
class RetryFailedSelectionTest {
    @TempDir
    Path tmp;

    @Test
    void theFailedRunsAndTheRunsTheyBlockAreChosenInPlanOrder() throws IOException {
        Path manifest = tmp.resolve("deps.yaml");
        Files.writeString(manifest, """
                name: deps
                datasets: [mnist]
                seeds: [1, 2, 3]
                experiments:
                  - {id: clf, trainer: classifier, model: {width: 0.125}, epochs: 1, batch_size: 40, test_limit: 80,
                     schedule: {type: full}}
                """ + TinyFlowImages.experiment("flow", "clf", 0, 1));
        RunStore store = new RunStore(tmp.resolve("out"));
        PlanWriter.write(store, Planner.plan(manifest, null, List.of()));
        Plan plan = Plan.read(store.root());
        PlannedRun clf1 = run(plan, "clf", 1);
        PlannedRun clf2 = run(plan, "clf", 2);
        // seed 1: failed (failure.json); seed 2: a result.json that is no result (counts as failed); seed 3: never ran
        Files.writeString(store.run(clf1.id()).failure(), "{\"message\": \"boom\", \"exit_code\": 1}");
        Files.writeString(store.run(clf2.id()).result(), "{\"status\": \"done\"}");

        List<String> chosen = RunCommand.failedAndBlocked(plan, store);

        List<String> expected = plan.runs().stream().filter(r -> r.seed() != 3).map(PlannedRun::id).toList();
        assertThat(expected).hasSize(4).contains(clf1.id(), clf2.id(), run(plan, "flow", 1).id(), run(plan, "flow", 2).id());
        assertThat(chosen).containsExactlyElementsOf(expected);
    }

    private static PlannedRun run(Plan plan, String experiment, long seed) {
        return plan.runs().stream().filter(r -> r.experiment().equals(experiment) && r.seed() == seed).findFirst().orElseThrow();
    }
}
