package io.frugal.harness.exec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frugal.core.store.Json;
import io.frugal.core.kind.PlannedCost;
import io.frugal.core.store.PlannedRun;
import io.frugal.core.store.RunDirectory;
import io.frugal.core.store.RunStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plan may name a trainer kind this build does not know (planned by a later build). Its runs
 * that have not run are planned, as status shows them; only a result to check needs the kind.
 * (result.json is opened without a stat first: the kind must not be asked for before.)
 */
class UnknownKindStateTest {
    @TempDir
    Path out;

    @Test
    void aRunOfAnUnknownKindWithoutResultIsPlannedAndWithOneIsNotDone() throws Exception {
        ObjectNode config = Json.object().put("trainer", "a-kind-of-a-later-build").put("experiment", "e").put("dataset", "d").put("seed", 1);
        PlannedRun planned = new PlannedRun("abcdef012345", "e", "d", 1, Json.object(), new PlannedCost(Json.object(), 1, 1), Map.of(), config);
        RunDirectory run = new RunStore(out).run(planned.id());
        Files.createDirectories(run.dir());

        for (boolean progress : new boolean[] {false, true}) {
            RunState s = RunState.of(run, planned, progress);
            assertThat(s.state()).as("progress %s", progress).isEqualTo(RunState.State.PLANNED);
            assertThat(s.epochs()).isZero();
        }

        Files.writeString(run.result(), "{\"status\": \"done\"}");
        RunState withResult = RunState.of(run, planned, false);
        assertThat(withResult.state()).isEqualTo(RunState.State.FAILED);
        assertThat(withResult.failure().path("message").asText()).contains("result.json is corrupt").contains("unreadable");
    }
}
