package io.frugal.analysis.store;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Reads many run directories at once and hands what was read to the caller in the order asked
 * for. Reading a run store is waiting on the file system (a few small files per run, each open and
 * read a round trip on a network file system), so {@link #THREADS} reads are in flight; the caller
 * takes them one by one in order, on its own thread, a window of batches behind: what it builds
 * does not depend on which read finished first, and no more than the window is held at a time.
 */
public final class ParallelReads {
    public static final int THREADS = 16;
    private static final int BATCH = 256;

    private ParallelReads() {}

    /** {@code read} of every item (on the reading threads), then {@code take} of each result in item order (on this thread). */
    public static <I, O> void inOrder(List<I> items, Function<I, O> read, Consumer<O> take) {
        if (items.size() <= BATCH) {
            items.forEach(i -> take.accept(read.apply(i)));
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "frugal-store-reader");
            t.setDaemon(true);
            return t;
        });
        try {
            ArrayDeque<Future<List<O>>> ahead = new ArrayDeque<>();
            int next = 0;
            while (next < items.size() || !ahead.isEmpty()) {
                while (next < items.size() && ahead.size() < 2 * THREADS) {
                    List<I> batch = items.subList(next, Math.min(items.size(), next + BATCH));
                    ahead.add(pool.submit(() -> batch.stream().map(read).toList()));
                    next += batch.size();
                }
                take(ahead.poll()).forEach(take);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static <V> V take(Future<V> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the run store", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        }
    }
}
