package io.frugal.analysis.store;

import io.frugal.core.store.RunDirectory;

/**
 * More to read from each planned run's directory while {@link RunStoreReader} reads the store (a
 * learning curve from metrics.jsonl, say), so that a report opens each run's files in one pass
 * and keeps only what it aggregates. {@link #read} runs on the reader's threads, for runs in no
 * particular order; {@link #fold} on the caller's thread, run by run in plan order, so whatever
 * it accumulates comes out the same however the reads were scheduled.
 */
public interface ExtraRunReader<T> {
    /** What this run adds, from its directory; {@code record} is the run as read (before runs are marked blocked). */
    T read(RunRecord record, RunDirectory dir);

    /** Takes one run's value, in plan order. */
    void fold(RunRecord record, T value);
}
