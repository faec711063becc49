package io.frugal.core.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.frugal.core.BadInputException;
import java.nio.file.Files;

/**
 * A run's {@code config.json}, and its only reader and writer: written once by the planner
 * (atomically), never changed after, read by executors and trainers.
 */
public final class ConfigFile {
    private ConfigFile() {}

    public static void write(RunDirectory run, JsonNode config) {
        Json.writeAtomically(run.config(), config);
    }

    /** The bytes of a config.json. */
    public static byte[] bytes(JsonNode config) {
        return Json.pretty(config).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * Writes the config.json of each run of {@code runs} straight into place while {@code alongside}
     * writes another file, then makes all durable with one barrier ({@link FileBatch#writeInPlace}):
     * only under {@link UnfinishedPlan}'s mark, which tells every reader that a config there may be
     * cut short until plan.json commits the plan. Returns what {@code alongside} returned.
     */
    public static java.nio.file.Path writeAllInPlace(RunStore store, java.util.List<PlannedRun> runs,
                                                     java.util.concurrent.Callable<java.nio.file.Path> alongside) {
        return FileBatch.writeInPlace(store.runsDir(), runs.size(), source(store, runs), alongside);
    }

    private static FileBatch.Source source(RunStore store, java.util.List<PlannedRun> runs) {
        return new FileBatch.Source() {
            @Override
            public java.nio.file.Path target(int i) {
                return store.run(runs.get(i).id()).config();
            }

            @Override
            public byte[] content(int i) {
                return bytes(runs.get(i).config());
            }
        };
    }

    public static boolean exists(RunDirectory run) {
        return Files.isRegularFile(run.config());
    }

    /** The config; bad input naming the file when it is missing or unreadable. */
    public static JsonNode read(RunDirectory run) {
        if (!exists(run)) {
            throw new BadInputException(run.config() + ": no config.json: not a planned run directory (plan it with 'frugal run MANIFEST')");
        }
        try {
            return Json.read(run.config());
        } catch (RuntimeException e) {
            throw new BadInputException(run.config() + ": unreadable: " + e.getMessage());
        }
    }
}
