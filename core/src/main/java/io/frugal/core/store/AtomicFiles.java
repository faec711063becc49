package io.frugal.core.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes files so that a reader in another process sees either the old content or the new one,
 * never a half-written file: write a temp file in the same directory, fsync it, rename it over the
 * target, fsync the directory. Every file of the run store that another process may read goes
 * through here.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** A writer that fills the temp file; the rename happens only if it returns normally. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(Path temp) throws IOException;
    }

    public static void writeString(Path target, String content) {
        writeBytes(target, content.getBytes(StandardCharsets.UTF_8));
    }

    public static void writeBytes(Path target, byte[] content) {
        write(target, temp -> {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) ch.write(buf);
            }
        });
    }

    /** Runs {@code writer} on a fresh temp file next to {@code target}, then renames it into place. */
    public static void write(Path target, Writer writer) {
        Path temp = writeUnsynced(target, writer);
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            ch.force(true);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
        DurabilityBarrier.countFileSync();
        moveIntoPlace(temp, target);
    }

    /**
     * The first half of {@link #write}: a fresh temp file beside {@code target}, filled by
     * {@code writer}, not synced. For a caller that makes it durable together with other files
     * (one barrier for all) and then calls {@link #moveIntoPlace}.
     */
    public static Path writeUnsynced(Path target, Writer writer) {
        Path dir = target.toAbsolutePath().getParent();
        Path temp = null;
        try {
            Files.createDirectories(dir);
            temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
            writer.writeTo(temp);
            Path written = temp;
            temp = null;
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(temp);
        }
    }

    /** The second half of {@link #write}: renames {@code durableTemp} (already on stable storage) over {@code target}, syncs the folder. */
    public static void moveIntoPlace(Path durableTemp, Path target) {
        try {
            try {
                Files.move(durableTemp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(durableTemp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            deleteQuietly(durableTemp);
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
        fsyncDirectory(target.toAbsolutePath().getParent());
    }

    /** Removes the temp files that writes of {@code target} stopped half-way left beside it (hidden, never read). */
    public static void removeStrayTemps(Path target) {
        Path dir = target.toAbsolutePath().getParent();
        String prefix = "." + target.getFileName() + ".";
        if (!Files.isDirectory(dir)) return;
        try (var strays = Files.newDirectoryStream(dir, p -> p.getFileName().toString().startsWith(prefix)
                && p.getFileName().toString().endsWith(".tmp"))) {
            for (Path stray : strays) Files.deleteIfExists(stray);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove temp files in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path temp) {
        if (temp == null) return;
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // best effort: a stray temp file is harmless, it is never read
        }
    }

    private static void fsyncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
            DurabilityBarrier.countFileSync();
        } catch (IOException ignored) {
            // some file systems refuse to open directories; the rename is still atomic there
        }
    }
}
