package io.frugal.methods.data;

import io.frugal.core.BadInputException;
import java.nio.file.Path;

/**
 * A dataset file that is missing, truncated or not what it claims to be. The message always starts
 * with the file's path, so the user knows which file to replace; {@link #file()} lets a verifier
 * attribute the problem to that file.
 */
public class DatasetException extends BadInputException {
    private final Path file;
    private final String problem;

    public DatasetException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
        this.problem = problem;
    }

    public DatasetException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
        this.problem = problem;
    }

    /** A problem with a dataset as a whole (not found, sizes unlike the published ones). */
    public DatasetException(String message) {
        super(message);
        this.file = null;
        this.problem = message;
    }

    /** The file at fault, or null when the problem is not one file's. */
    public Path file() {
        return file;
    }

    /** What is wrong, without the file name. */
    public String problem() {
        return problem;
    }
}
