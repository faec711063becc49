package io.frugal.harness.cli;

import io.frugal.harness.plan.Plan;
import io.frugal.core.BadInputException;
import io.frugal.core.store.Json;
import io.frugal.core.store.RunStore;
import java.nio.file.Files;
import java.nio.file.Path;

/** The plan of an existing output folder, for commands that continue it ({@code run OUT --resume}). */
final class PlanReader {
    private PlanReader() {}

    static Plan read(Path out) {
        RunStore store = new RunStore(out);
        if (!Files.isRegularFile(store.plan())) throw new BadInputException(out + ": not a frugal output folder (no plan.json)");
        try {
            return Plan.fromJson(Json.read(store.plan()));
        } catch (BadInputException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new BadInputException(store.plan() + ": unreadable: " + e.getMessage());
        }
    }
}
