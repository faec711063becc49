package io.frugal.harness.plan;

import io.frugal.core.store.RunStore;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code frugal run MANIFEST --out OUT} does before it executes anything, as a JVM of its
 * own: plan the manifest and write the run store. A test kills it while it writes.
 */
public final class PlanIntoStore {
    private PlanIntoStore() {}

    public static void main(String[] args) {
        PlanWriter.write(new RunStore(Path.of(args[1])), Planner.plan(Path.of(args[0]), null, List.of()));
    }
}
