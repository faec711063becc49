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

    @Test
    void theTextIsWhatJacksonWritesAlsoForPathsItMustEscape() {
        for (String log : List.of("/out/slurm/s/logs/7_0.out", "/out/with \"quote\"/7_0.out", "/out/back\\slash/7_0.out",
                "/out/tab\there/7_0.out", "/out/ünï/7_0.out")) {
            SlurmTracker.TaskView t = new SlurmTracker.TaskView("r0", "7_0", "COMPLETED", "0:0", 2, 9, 21, 7, Path.of(log));
            assertThat(new String(SlurmAccounting.text(t), java.nio.charset.StandardCharsets.UTF_8)).as(log)
                    .isEqualTo(new String(SlurmAccounting.jacksonText(t), java.nio.charset.StandardCharsets.UTF_8));
        }
        assertThat(SlurmAccounting.text(new SlurmTracker.TaskView("r0", "7_0", "RUNNING", "", 0, -1, -1, -1, Path.of("/l")))).isNull();
    }

    @Test
    void aBatchWritesOnlyMissingOrChangedFilesAndKeepsTheSameFiguresWrittenOtherwise() throws IOException {
        RunStore store = new RunStore(out);
        Path log = out.resolve("slurm/s/logs/7_0.out");
        SlurmTracker.TaskView t = new SlurmTracker.TaskView("r0", "7_0", "COMPLETED", "0:0", 0, 9, 9, 7, log);
        for (String id : List.of("same", "reordered", "changed", "missing", "damaged")) Files.createDirectories(store.run(id).dir());
        Files.write(store.run("same").slurmAccounting(), SlurmAccounting.text(t));
        // the same figures in another layout (written by hand, or by an older version): not rewritten
        String reordered = "{\"log\": \"" + log + "\", \"queue_wait_seconds\": 7, \"elapsed_total_seconds\": 9, \"elapsed_final_seconds\": 9,"
                + " \"restarts\": 0, \"state\": \"COMPLETED\", \"job_id\": \"7_0\"}";
        Files.writeString(store.run("reordered").slurmAccounting(), reordered);
        Files.write(store.run("changed").slurmAccounting(), SlurmAccounting.text(new SlurmTracker.TaskView("r0", "7_0", "COMPLETED", "0:0", 0, 8, 8, 7, log)));
        Files.writeString(store.run("damaged").slurmAccounting(), "{\"job_id\": \"7_0\", \"rest");

        SlurmAccounting.Batch batch = new SlurmAccounting.Batch(store);
        for (String id : List.of("same", "reordered", "changed", "missing", "damaged")) batch.check(store.run(id), t);
        assertThat(batch.size()).isEqualTo(3);
        long fileSyncs = io.frugal.core.store.DurabilityBarrier.fileSyncs();
        long fsSyncs = io.frugal.core.store.DurabilityBarrier.fileSystemSyncs();
        assertThat(batch.write()).isEqualTo(3);
        // one batch: a constant number of syncs of the file system (one for the file created, two for those replaced),
        // where it has syncfs (else one fsync per file and folder)
        if (io.frugal.core.store.DurabilityBarrier.fileSyncs() == fileSyncs) {
            assertThat(io.frugal.core.store.DurabilityBarrier.fileSystemSyncs() - fsSyncs).isEqualTo(3);
        }

        assertThat(Files.readString(store.run("reordered").slurmAccounting())).isEqualTo(reordered);
        for (String id : List.of("same", "changed", "missing", "damaged")) {
            assertThat(Files.readAllBytes(store.run(id).slurmAccounting())).as(id).isEqualTo(SlurmAccounting.text(t));
        }
        try (var files = Files.list(store.run("changed").dir())) {
            assertThat(files.map(f -> f.getFileName().toString()).toList()).containsExactly("slurm.json"); // no temp file left
        }
        assertThat(new SlurmAccounting.Batch(store).write()).isZero();
    }
}
