package io.frugal.core.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Sets a damaged run-store file aside: renamed beside itself to {@code NAME.corrupt-TIMESTAMP}, never
 * deleted, so that whoever looks into why it was damaged still has it and the run can go on as if
 * the file had never been written.
 */
public final class DamagedFiles {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    private DamagedFiles() {}

    /** Keeps a copy of {@code file} beside it (for a file that is repaired in place) and returns the copy. */
    public static Path copyAside(Path file) {
        Path target = file.resolveSibling(file.getFileName() + ".corrupt-" + STAMP.format(Instant.now()));
        try {
            return Files.copy(file, target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep a copy of the damaged " + file + ": " + e.getMessage(), e);
        }
    }

    /** Moves {@code file} aside and returns where it now is. */
    public static Path setAside(Path file) {
        Path target = file.resolveSibling(file.getFileName() + ".corrupt-" + STAMP.format(Instant.now()));
        for (int i = 1; Files.exists(target); i++) target = file.resolveSibling(file.getFileName() + ".corrupt-" + STAMP.format(Instant.now()) + "-" + i);
        try {
            return Files.move(file, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set the damaged " + file + " aside: " + e.getMessage(), e);
        }
    }
}
