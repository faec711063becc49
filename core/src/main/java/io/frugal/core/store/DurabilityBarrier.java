package io.frugal.core.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes everything written so far under a folder durable at once, instead of one fsync per file:
 * one {@code syncfs(2)} of the file system that holds it (coreutils' {@code sync --file-system}, on
 * every Linux), or where that is not available, an fsync of each file and folder of the batch, from
 * many threads. Counts what it did, so that a benchmark can state the syncs a store costs.
 */
public final class DurabilityBarrier {
    private static final AtomicLong FILE_SYSTEM_SYNCS = new AtomicLong();
    private static final AtomicLong FILE_SYNCS = new AtomicLong();
    private static final AtomicLong EARLY_WRITE_BACKS = new AtomicLong();
    private static final long EARLY_WRITE_BACK_PAUSE_MS = 200;
    private static volatile boolean syncfsUnavailable;

    private DurabilityBarrier() {}

    /** Calls of syncfs made so far by this JVM. */
    public static long fileSystemSyncs() {
        return FILE_SYSTEM_SYNCS.get();
    }

    /** fsyncs of single files and folders made so far by this JVM (here and in {@link AtomicFiles}). */
    public static long fileSyncs() {
        return FILE_SYNCS.get();
    }

    /**
     * Everything written under {@code root} is on stable storage when this returns normally; a
     * write-back error of the file system is thrown. {@code batch} names each file and folder that
     * was created or renamed, for the fallback that fsyncs them one by one.
     */
    public static void sync(Path root, Batch batch) {
        if (!syncfsUnavailable && syncFileSystem(root)) return;
        syncfsUnavailable = true;
        batch.forEachPath(DurabilityBarrier::fsync);
    }

    /** The files and folders of a batch, visited from many threads by the fallback. */
    public interface Batch {
        void forEachPath(java.util.function.Consumer<Path> sync);
    }

    /** fsync of one file or folder; folders that cannot be opened (some file systems) are skipped. */
    static void fsync(Path path) {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            ch.force(true);
            FILE_SYNCS.incrementAndGet();
        } catch (IOException e) {
            if (!java.nio.file.Files.isDirectory(path)) throw new UncheckedIOException("cannot sync " + path + ": " + e.getMessage(), e);
        }
    }

    static void countFileSync() {
        FILE_SYNCS.incrementAndGet();
    }

    /**
     * Starts writing back what is being written under {@code root} before the barrier asks for it:
     * syncfs after syncfs from a daemon thread until the handle is closed. The kernel would start
     * on its own only after half a minute (or gigabytes of dirty pages), so the barrier at the end of
     * a batch of 10⁵ small files otherwise waits for all of it; this way the disk works while the
     * writer threads still make files. Not a barrier itself (nothing is promised until
     * {@link #sync}); each pass is counted in {@link #earlyWriteBacks()}. Does nothing where syncfs is not available.
     */
    public static WriteBack writeBackEarly(Path root) {
        if (syncfsUnavailable) return () -> {};
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Thread t = new Thread(() -> {
            try {
                while (!stop.get() && runSync(root)) {
                    EARLY_WRITE_BACKS.incrementAndGet();
                    Thread.sleep(EARLY_WRITE_BACK_PAUSE_MS);
                }
            } catch (InterruptedException | RuntimeException e) {
                // ends the early write-back only: the barrier still makes everything durable
            }
        }, "frugal-early-write-back");
        t.setDaemon(true);
        t.start();
        // not joined: a pass still running when the batch is written only does the barrier's work sooner
        return () -> stop.set(true);
    }

    /** Stops an early write-back ({@link #writeBackEarly}). */
    public interface WriteBack extends AutoCloseable {
        @Override
        void close();
    }

    /** syncfs passes made by {@link #writeBackEarly} so far in this JVM. */
    public static long earlyWriteBacks() {
        return EARLY_WRITE_BACKS.get();
    }

    private static boolean syncFileSystem(Path root) {
        if (!runSync(root)) return false;
        FILE_SYSTEM_SYNCS.incrementAndGet();
        return true;
    }

    /** coreutils' {@code sync --file-system}: false when it cannot be run or fails. */
    private static boolean runSync(Path root) {
        try {
            Process p = new ProcessBuilder(List.of("sync", "--file-system", root.toAbsolutePath().toString()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false; // no coreutils sync (not Linux): fsync the batch's files one by one
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while syncing " + root, e);
        }
    }
}
