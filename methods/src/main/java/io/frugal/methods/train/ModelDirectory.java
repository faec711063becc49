package io.frugal.methods.train;

import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.databind.JsonNode;
import io.frugal.core.BadInputException;
import io.frugal.core.store.RunDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A run's model/ folder: {@code weights.tensors}, a {@link TensorFile} whose header describes the
 * network (enough to rebuild it) and holds its evaluated weights. The folder appears whole or not
 * at all: it is filled under a temp name in the run directory and renamed into place, so a run
 * that needs it never reads half a model.
 */
public final class ModelDirectory {
    public static final String WEIGHTS = "weights.tensors";

    private ModelDirectory() {}

    /** Writes the model of a run (before its result.json), replacing one a crashed finish left. */
    public static void write(RunDirectory run, JsonNode description, Map<String, NDArray> weights) {
        Path target = run.modelDir();
        try {
            Files.createDirectories(run.dir());
            Path temp = Files.createTempDirectory(run.dir(), "." + RunDirectory.MODEL_DIR + ".");
            TensorFile.write(temp.resolve(WEIGHTS), description, weights);
            if (Files.exists(target)) {
                // left by a finish that crashed before result.json: same run, same config, replace it
                Path old = Files.createTempDirectory(run.dir(), "." + RunDirectory.MODEL_DIR + ".old.");
                Files.delete(old);
                move(target, old);
                move(temp, target);
                deleteTree(old);
            } else {
                move(temp, target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the model of run " + run.runId() + ": " + e.getMessage(), e);
        }
    }

    /** The model a done run left; bad input if it has none or it is damaged. */
    public static TensorFile.Contents read(RunDirectory run) {
        Path file = run.modelDir().resolve(WEIGHTS);
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("run " + run.runId() + " left no model (" + file + " is missing): it must be a done run "
                    + "of a kind that writes one, trained by this version of frugal");
        }
        return TensorFile.read(file);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
