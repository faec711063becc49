package io.frugal.harness.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.frugal.core.store.Json;
import io.frugal.core.store.RunStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which runs get a slurm.json, and what it holds (sacct lines as SLURM 22.05 printed them on the test cluster). */
class SlurmAccountingTest {
    @TempDir
    Path out;

    @Test
    void onlyRunsDoneInTheRunStoreGetTheirAccountingSaved() throws IOException {
        RunStore store = new RunStore(out);
        Submission sub = new Submission("s", "frugal-s", "2026-11-22T11:27:13Z", "2026-11-22T11:27:13", null,
                out.resolve("slurm/s"), List.of(new Submission.Array("7", "a.sbatch", 0, List.of("r0", "r1", "r2"), List.of())), "8");
        // r0 done after a requeue; r1 COMPLETED by SLURM but without result.json (not done); r2 still running
        Files.createDirectories(store.run("r0").dir());
        Files.writeString(store.run("r0").result(), "{\"status\": \"done\"}");
        Files.createDirectories(store.run("r1").dir());
        SlurmTracker.View view = SlurmTracker.fromSacct(List.of(sub), """
                7_0|REQUEUED|0:0|2026-11-22T11:27:13|2026-11-22T11:27:20|12
                7_0|COMPLETED|0:0|2026-11-22T11:27:33|2026-11-22T11:27:45|9
                7_1|COMPLETED|0:0|2026-11-22T11:27:13|2026-11-22T11:27:14|3
                7_2|RUNNING|0:0|2026-11-22T11:27:13|2026-11-22T11:27:15|2
                """);

        SlurmAccounting.saveDone(store, view);

        JsonNode acc = Json.read(store.run("r0").slurmAccounting());
        assertThat(acc.path("job_id").asText()).isEqualTo("7_0");
        assertThat(acc.path("restarts").asInt()).isEqualTo(1);
        assertThat(acc.path("elapsed_final_seconds").asLong()).isEqualTo(9);
        assertThat(acc.path("elapsed_total_seconds").asLong()).isEqualTo(21);
        assertThat(acc.path("queue_wait_seconds").asLong()).isEqualTo(7);
        assertThat(store.run("r1").slurmAccounting()).doesNotExist();
        assertThat(store.run("r2").slurmAccounting()).doesNotExist();
    }
}
