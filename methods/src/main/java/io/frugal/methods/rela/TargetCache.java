package io.frugal.methods.rela;

import io.frugal.core.store.AtomicFiles;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * ReLA's whitened targets on disk, one file per key (a sha256 of dataset, limits, classes, prior
 * content hash, preprocessing, whitening and target length: {@link TargetKey}), so every run and every
 * SLURM task that needs the same targets computes them once. File {@code KEY.targets}: the 8 bytes
 * {@code FRUGALTG}, int32 version 1, int32 n, int32 k, n·k float32 little-endian, CRC32 (int64) of all
 * preceding bytes.
 *
 * <p>Builders take {@code KEY.lock} (an OS file lock, which other processes and other SLURM tasks on a
 * shared file system respect, plus a lock within this JVM, where the OS lock cannot be taken twice),
 * then look again: the first builds and writes through {@link AtomicFiles} (temp, fsync, rename), the
 * others read what it wrote. A damaged file is renamed aside ({@code .damaged-TIME}), never used and
 * never deleted, and the targets are rebuilt.
 */
public final class TargetCache {
    private static final byte[] MAGIC = "FRUGALTG".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    private static final ConcurrentHashMap<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

    /** The targets, and whether this call built them (false: read from the cache). */
    public record Result(float[] targets, int n, int k, boolean built, Path file) {}

    private final Path dir;

    public TargetCache(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    public Path file(String key) {
        return dir.resolve(key + ".targets");
    }

    /** The cached targets of {@code key}, or {@code build}'s (n·k floats), written to the cache first. */
    public Result get(String key, int n, int k, Supplier<float[]> build) {
        Path file = file(key);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the target cache " + dir + ": " + e.getMessage(), e);
        }
        ReentrantLock local = LOCKS.computeIfAbsent(file.toAbsolutePath().normalize(), p -> new ReentrantLock());
        local.lock();
        try (FileChannel lockChannel = FileChannel.open(dir.resolve(key + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = lockChannel.lock()) {
            if (Files.isRegularFile(file)) {
                float[] cached = read(file, n, k);
                if (cached != null) return new Result(cached, n, k, false, file);
            }
            float[] built = build.get();
            if (built.length != (long) n * k) throw new IllegalStateException("built " + built.length + " floats, expected " + n + "x" + k);
            write(file, built, n, k);
            return new Result(built, n, k, true, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + dir.resolve(key + ".lock") + ": " + e.getMessage(), e);
        } finally {
            local.unlock();
        }
    }

    private static void write(Path file, float[] y, int n, int k) {
        AtomicFiles.write(file, temp -> {
            CRC32 crc = new CRC32();
            try (OutputStream raw = Files.newOutputStream(temp);
                 CheckedOutputStream checked = new CheckedOutputStream(new BufferedOutputStream(raw, 1 << 20), crc);
                 DataOutputStream out = new DataOutputStream(checked)) {
                out.write(MAGIC);
                out.writeInt(VERSION);
                out.writeInt(n);
                out.writeInt(k);
                ByteBuffer b = ByteBuffer.allocate(y.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
                b.asFloatBuffer().put(y);
                out.write(b.array());
                out.flush();
                out.writeLong(crc.getValue());
            }
        });
    }

    /** The file's targets, or null after setting a damaged or mismatched file aside. */
    private static float[] read(Path file, int n, int k) {
        CRC32 crc = new CRC32();
        String problem;
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new CheckedInputStream(new BufferedInputStream(raw, 1 << 20), crc))) {
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            int version = in.readInt();
            int fn = in.readInt();
            int fk = in.readInt();
            if (!Arrays.equals(magic, MAGIC) || version != VERSION) {
                problem = "not a version-" + VERSION + " target file";
            } else if (fn != n || fk != k) {
                problem = "holds " + fn + "x" + fk + " targets, expected " + n + "x" + k;
            } else {
                byte[] bytes = new byte[Math.multiplyExact(Math.multiplyExact(n, k), Float.BYTES)];
                in.readFully(bytes);
                long expected = crc.getValue();
                if (in.readLong() != expected || in.read() != -1) {
                    problem = "checksum mismatch";
                } else {
                    float[] y = new float[n * k];
                    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(y);
                    return y;
                }
            }
        } catch (EOFException e) {
            problem = "truncated";
        } catch (IOException e) {
            problem = e.getMessage();
        }
        Path aside = file.resolveSibling(file.getFileName() + ".damaged-" + Instant.now().toString().replace(':', '-'));
        try {
            Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set aside the damaged target file " + file + ": " + e.getMessage(), e);
        }
        System.err.println("frugal: target cache file " + file + " is unusable (" + problem + "); set aside as " + aside + ", rebuilding");
        return null;
    }
}
