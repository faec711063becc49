package io.frugal.harness.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.frugal.core.BadInputException;
import io.frugal.core.kind.CommonConfig;
import io.frugal.core.store.Json;
import io.frugal.core.store.RunDirectory;
import java.nio.file.Files;

/**
 * The compute threads a trainer uses: exactly the run's own count (config.json {@code threads},
 * hashed into its id), whatever the machine's cores, SLURM's cpus-per-task or the environment.
 * Another count would give the same id other numbers, so it is refused, and so is continuing a
 * checkpoint that an earlier attempt wrote with another count (an older frugal took the count from
 * the cores; provenance.json says what each attempt used).
 */
final class ThreadCount {
    private ThreadCount() {}

    static int of(RunDirectory run, JsonNode config, Integer asked) {
        int own = CommonConfig.threads(config);
        if (asked != null && asked != own) {
            throw new BadInputException(run.config() + ": /" + CommonConfig.THREADS + ": this run computes with " + own
                    + " threads (part of its id); --threads " + asked + " would give it other numbers");
        }
        if (run.hasCheckpoint()) {
            Integer before = previousThreads(run);
            if (before != null && before != own) {
                throw new BadInputException(run.checkpoint() + ": written by an attempt with " + before + " threads, this run computes with "
                        + own + "; continuing would mix both in one result. Delete " + run.checkpointDir()
                        + " (and metrics.jsonl) to train it again from the start");
            }
        }
        return own;
    }

    /** The thread count of the attempt that wrote provenance.json last, or null if it does not say. */
    private static Integer previousThreads(RunDirectory run) {
        if (!Files.isRegularFile(run.provenance())) return null;
        try {
            JsonNode t = Json.read(run.provenance()).path("engine").path("threads");
            return t.canConvertToInt() ? t.asInt() : null;
        } catch (RuntimeException e) {
            return null; // a damaged provenance.json is repaired when this attempt writes its own
        }
    }
}
