package io.frugal.harness.exec;

import io.frugal.core.store.RunDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive OS file lock on a run directory, held by the process that trains the run. It keeps
 * two trainers off one run (a re-run of {@code frugal run} while an orphaned trainer is still
 * saving its checkpoint, or a SLURM task requeued while the old one lingers), and lets
 * {@code frugal status} tell "running" from "interrupted": the kernel drops the lock when the
 * holder dies, however it dies.
 */
public final class RunLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock, or null if another process holds it. */
    public static RunLock tryAcquire(RunDirectory run) {
        try {
            Files.createDirectories(run.dir());
            FileChannel ch = FileChannel.open(run.lock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                l = null; // held by this JVM already
            }
            if (l == null) {
                ch.close();
                return null;
            }
            return new RunLock(ch, l);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + run.lock() + ": " + e.getMessage(), e);
        }
    }

    /** Waits up to {@code timeoutMillis} for the lock; null if it stayed taken. */
    public static RunLock acquire(RunDirectory run, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (true) {
            RunLock l = tryAcquire(run);
            if (l != null || System.currentTimeMillis() >= deadline) return l;
            Thread.sleep(200);
        }
    }

    /** True if some process holds the run's lock now (it is being trained). */
    public static boolean isHeld(RunDirectory run) {
        if (!Files.exists(run.lock())) return false;
        RunLock l = tryAcquire(run);
        if (l == null) return true;
        l.close();
        return false;
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // closing the channel releases the lock anyway
        }
    }
}
