package io.frugal.core.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes many new files with the guarantee of {@link AtomicFiles} (a reader never sees a
 * half-written file, also after a power cut) for a constant number of syncs instead of two per
 * file: every file is first written to a temp file beside it, then one {@link DurabilityBarrier}
 * makes all their contents durable, then each is renamed into place, then a second barrier makes
 * the names durable. A name that exists therefore always holds its whole content; a crash before
 * the renames leaves only hidden temp files, which nothing reads.
 *
 * <p>The writes go from {@link #THREADS} threads: on a local disk without per-file fsyncs they cost
 * CPU only, on a network file system each create and rename is a round trip to the server and the
 * threads overlap them.
 */
public final class FileBatch {
    static final int THREADS = 16;
    /**
     * Batches this large start their write-back early ({@link DurabilityBarrier#writeBackEarly}):
     * writing 100 000 configs took 9.7-12.6 s with it against 10.5-13.4 s without (three of each,
     * alternating, in one JVM).
     */
    static final int EARLY_WRITE_BACK_FROM = 10_000;


    /** File {@code i} of the batch: where it goes and its bytes (made on a writer thread, when written). */
    public interface Source {
        Path target(int i);

        byte[] content(int i);
    }

    private final Path root;
    private final int count;
    private final Source source;
    private static final int TOKEN_LENGTH = 8;
    private final String token = UUID.randomUUID().toString().substring(0, TOKEN_LENGTH);

    private FileBatch(Path root, int count, Source source) {
        this.root = root;
        this.count = count;
        this.source = source;
    }

    /**
     * Writes the {@code count} files of {@code source}, all under {@code root} (on one file system),
     * creating their folders; when this returns, every file is in place and durable. On failure the
     * temp files written so far are removed and no new name has appeared unless the failure came
     * after the renames had started (then the names that appeared hold their whole content).
     */
    public static void write(Path root, int count, Source source) {
        if (count == 0) return;
        new FileBatch(root, count, source).write();
    }

    private void write() {
        try {
            Files.createDirectories(root); // the barrier syncs the file system that holds it
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + root + ": " + e.getMessage(), e);
        }
        try {
            forEach(i -> writeTemp(i));
        } catch (RuntimeException e) {
            forEachQuietly(i -> Files.deleteIfExists(temp(source.target(i))));
            throw e;
        }
        DurabilityBarrier.sync(root, sync -> forEach(i -> {
            sync.accept(temp(source.target(i)));
            sync.accept(source.target(i).getParent());
        }));
        forEach(i -> rename(i));
        DurabilityBarrier.sync(root, sync -> {
            forEach(i -> sync.accept(source.target(i).getParent()));
            distinctGrandparents().forEach(sync);
            sync.accept(root);
            if (root.toAbsolutePath().getParent() != null) sync.accept(root.toAbsolutePath().getParent());
        });
    }

    /**
     * Writes the {@code count} files of {@code source} straight into place (no temp file, no
     * rename: two fewer file-system calls per file), creating their folders, from {@link #THREADS}
     * threads, while {@code alongside} writes one more file on a thread of its own (plan.json's
     * temp file, say); then one {@link DurabilityBarrier} makes them all durable, and the path
     * {@code alongside} returned is handed back, durable.
     *
     * <p>Weaker than {@link #write} until it returns: a crash may leave a file of the batch empty or
     * cut short. Only for files that nothing reads until a later commit says the batch is complete
     * (a run's config.json before its plan.json), and that are rewritten whole when the batch is
     * made again (a torn pretty-printed JSON object lacks its closing brace, so it never parses).
     */
    public static Path writeInPlace(Path root, int count, Source source, java.util.concurrent.Callable<Path> alongside) {
        try {
            Files.createDirectories(root); // the barrier syncs the file system that holds it
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + root + ": " + e.getMessage(), e);
        }
        FileBatch batch = new FileBatch(root, count, source);
        ExecutorService side = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "frugal-file-batch-alongside");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<Path> other = side.submit(alongside);
            Path written;
            try (DurabilityBarrier.WriteBack early = count >= EARLY_WRITE_BACK_FROM
                    ? DurabilityBarrier.writeBackEarly(root) : () -> {}) {
                if (count > 0) batch.forEach(batch::writeInPlace);
                written = batch.await(other);
            }
            batch.syncInPlace(java.util.Set.of(), written);
            return written;
        } finally {
            side.shutdownNow();
        }
    }

    /**
     * Creates each file of {@code source} that does not exist yet straight into place (its bytes
     * in one write, no temp file, no rename), from {@link #THREADS} threads, then one
     * {@link DurabilityBarrier} makes them durable. A file that exists already is left as it is and
     * its index returned (ascending), for the caller to replace through {@link #write}, so a whole
     * file another process wrote meanwhile is never truncated. Weaker than {@link #write} until it
     * returns: a crash may leave a new file empty or cut short, so only for files whose readers
     * take a torn one for damaged and which are written again (a run's slurm.json).
     */
    public static List<Integer> createNew(Path root, int count, Source source) {
        if (count == 0) return List.of();
        FileBatch batch = new FileBatch(root, count, source);
        java.util.Set<Integer> existed = java.util.concurrent.ConcurrentHashMap.newKeySet();
        batch.forEach(i -> {
            if (!batch.createFile(i)) existed.add(i);
        });
        if (existed.size() < count) batch.syncInPlace(existed, null);
        return existed.stream().sorted().toList();
    }

    /** The barrier after files were written in place: the files (but {@code skipped}), their folders, root, and {@code extra} if any. */
    private void syncInPlace(java.util.Set<Integer> skipped, Path extra) {
        DurabilityBarrier.sync(root, sync -> {
            if (count > 0) forEach(i -> {
                if (skipped.contains(i)) return;
                sync.accept(source.target(i));
                sync.accept(source.target(i).getParent());
            });
            if (count > 0) distinctGrandparents().forEach(sync);
            if (extra != null) sync.accept(extra);
            sync.accept(root);
            if (root.toAbsolutePath().getParent() != null) sync.accept(root.toAbsolutePath().getParent());
        });
    }

    /** Creates file {@code i} with its bytes; false when it exists already (left untouched). */
    private boolean createFile(int i) throws IOException {
        Path target = source.target(i);
        createFolder(target.getParent());
        try {
            writeBytes(target, source.content(i), StandardOpenOption.CREATE_NEW);
            return true;
        } catch (FileAlreadyExistsException exists) {
            return false;
        }
    }

    /**
     * What {@code future} gives, its failure rethrown as this batch fails: unchecked as it was, an
     * I/O error wrapped, an interruption as one of writing {@link #root}.
     */
    private <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof IOException io) throw new UncheckedIOException(io.getMessage(), io);
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing " + root, e);
        }
    }

    private void writeInPlace(int i) throws IOException {
        Path target = source.target(i);
        createFolder(target.getParent());
        // TRUNCATE_EXISTING: a file an interrupted batch left (maybe cut short) is written again whole
        writeBytes(target, source.content(i), StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    private static void writeBytes(Path file, byte[] content, StandardOpenOption... how) throws IOException {
        java.util.Set<StandardOpenOption> options = new java.util.HashSet<>(List.of(how));
        options.add(StandardOpenOption.WRITE);
        try (FileChannel ch = FileChannel.open(file, options)) {
            ByteBuffer buf = ByteBuffer.wrap(content);
            while (buf.hasRemaining()) ch.write(buf);
        }
    }

    private static void createFolder(Path dir) throws IOException {
        try {
            Files.createDirectory(dir);
        } catch (FileAlreadyExistsException exists) {
            // a folder planned before, or one of this batch
        } catch (java.nio.file.NoSuchFileException parentMissing) {
            Files.createDirectories(dir);
        }
    }

    /** Removes the temp files that batches stopped half-way left beside {@code targets} (only names this class gives them). */
    public static void removeStrayTemps(List<Path> targets) {
        for (Path target : targets) {
            Path dir = target.getParent();
            if (!Files.isDirectory(dir)) continue;
            String prefix = "." + target.getFileName() + ".";
            try (var entries = Files.newDirectoryStream(dir, e -> {
                String n = e.getFileName().toString();
                return n.startsWith(prefix) && n.endsWith(".tmp") && n.length() == prefix.length() + TOKEN_LENGTH + 4;
            })) {
                for (Path stray : entries) Files.deleteIfExists(stray);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove temp files in " + dir + ": " + e.getMessage(), e);
            }
        }
    }

    private Path temp(Path target) {
        return target.resolveSibling("." + target.getFileName() + "." + token + ".tmp");
    }

    private void writeTemp(int i) throws IOException {
        Path target = source.target(i);
        createFolder(target.getParent());
        writeBytes(temp(target), source.content(i), StandardOpenOption.CREATE_NEW);
    }

    private void rename(int i) throws IOException {
        Path target = source.target(i);
        try {
            Files.move(temp(target), target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp(target), target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The folders that hold the files' folders (runs/ for a plan): new entries were made in them. */
    private List<Path> distinctGrandparents() {
        java.util.Set<Path> out = new java.util.LinkedHashSet<>();
        for (int i = 0; i < count; i++) {
            Path p = source.target(i).getParent().getParent();
            if (p != null) out.add(p);
        }
        return new ArrayList<>(out);
    }

    private interface Step {
        void run(int i) throws IOException;
    }

    private void forEachQuietly(Step step) {
        try {
            forEach(step);
        } catch (RuntimeException ignored) {
            // best effort: a stray temp file is hidden and never read
        }
    }

    /** Runs {@code step} for every index from {@link #THREADS} threads; the first failure is thrown. */
    private void forEach(Step step) {
        int threads = Math.min(THREADS, count);
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "frugal-file-batch");
            t.setDaemon(true);
            return t;
        });
        AtomicInteger next = new AtomicInteger();
        try {
            List<Future<?>> workers = new ArrayList<>(threads);
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        try {
                            step.run(i);
                        } catch (IOException e) {
                            next.set(count); // stop the others: the batch has failed
                            throw new UncheckedIOException("cannot write " + source.target(i) + ": " + e.getMessage(), e);
                        } catch (RuntimeException e) {
                            next.set(count);
                            throw e;
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> w : workers) await(w);
        } finally {
            pool.shutdownNow();
        }
    }
}
