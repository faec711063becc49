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
