package io.frugal.harness.exec;

import io.frugal.core.kind.TrainerKinds;
import io.frugal.core.store.DamagedFiles;
import io.frugal.core.store.PlannedRun;
import io.frugal.core.store.ResultFile;
import io.frugal.core.store.RunDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Whether a run is done: it has a result.json that is valid for its plan and its kind's metrics
 * ({@link ResultFile#read}), not merely one that exists. A garbage result.json would otherwise
 * count as done forever. Commands that train set such a file aside and let the run continue from
 * its checkpoint; reading commands only say what is wrong with it.
 */
public final class Completion {
    private Completion() {}

    /** Why the run's result.json cannot be used, or null when it is valid or absent. */
    public static String corruption(RunDirectory run, PlannedRun planned) {
        if (!run.isDone()) return null;
        try {
            return ResultFile.read(run, planned, TrainerKinds.of(planned.config()).metrics()).problem();
        } catch (RuntimeException e) {
            return "unreadable: " + e.getMessage();
        }
    }

    /**
     * True for a valid result.json. An invalid one is moved aside (never deleted), {@code say} is
     * told the reason and where the file went, and the run counts as not done.
     */
    public static boolean doneOrSetAside(RunDirectory run, PlannedRun planned, Consumer<String> say) {
        String problem = corruption(run, planned);
        if (problem == null) return run.isDone();
        if (!Files.isRegularFile(run.result())) return false;
        Path aside = DamagedFiles.setAside(run.result());
        say.accept("run " + run.runId() + ": result.json is corrupt (" + problem + "): moved to " + aside.getFileName()
                + "; the run " + (run.hasCheckpoint() ? "continues from its checkpoint" : "trains again"));
        return false;
    }
}
