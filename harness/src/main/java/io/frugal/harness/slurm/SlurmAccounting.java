package io.frugal.harness.slurm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frugal.methods.store.Json;
import io.frugal.methods.store.RunDirectory;
import java.nio.file.Files;

/**
 * {@code runs/ID/slurm.json}: SLURM's accounting of a finished run for the runtime tables: job
 * id, elapsed time of the final attempt and summed over all attempts, queue wait before the first
 * start, restarts. Written (atomically) when status sees the run done and the figures changed.
 */
public final class SlurmAccounting {
    public static final String FILE = "slurm.json";

    private SlurmAccounting() {}

    public static void save(RunDirectory run, SlurmTracker.TaskView t) {
        if (t.elapsedSeconds() < 0) return; // squeue's view has no accounting figures
        ObjectNode o = Json.object();
        o.put("job_id", t.jobId());
        o.put("state", t.slurmState());
        o.put("restarts", t.restarts());
        o.put("elapsed_final_seconds", t.elapsedSeconds());
        o.put("elapsed_total_seconds", t.totalElapsedSeconds());
        o.put("queue_wait_seconds", t.queueWaitSeconds());
        o.put("log", t.log().toString());
        var file = run.dir().resolve(FILE);
        try {
            if (Files.isRegularFile(file)) {
                JsonNode old = Json.read(file);
                if (Json.canonical(old).equals(Json.canonical(o))) return;
            }
        } catch (RuntimeException ignored) {
            // unreadable: rewrite it
        }
        Json.writeAtomically(file, o);
    }
}
