package io.frugal.methods.classifier;

import io.frugal.methods.data.DatasetLocator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * The Java heap a classifier trainer needs. What it keeps on the heap is its decoded dataset
 * (bytes, at most a few times the size of its files, which may be compressed) and, while
 * decoding, one file read whole; the rest (run bookkeeping, batch assembly) is small and fixed.
 * The cap is therefore a fixed part plus a multiple of the dataset's size on disk. Without a cap,
 * G1 may use a quarter of the machine's memory and a trainer's resident set kept growing from
 * epoch to epoch although nothing leaked (BENCHMARKS.md, "Trainer memory").
 */
public final class DatasetHeap {
    static final long FIXED_BYTES = 256L << 20;
    static final int PER_DATASET_BYTE = 4;

    private DatasetHeap() {}

    /** The heap cap for a dataset whose files take {@code datasetFileBytes} on disk, rounded up to MiB. */
    public static long maxHeapBytes(long datasetFileBytes) {
        long bytes = FIXED_BYTES + PER_DATASET_BYTE * datasetFileBytes;
        long mib = (bytes + (1 << 20) - 1) >> 20;
        return mib << 20;
    }

    /** The heap cap in MiB for a trainer of {@code dataset}, or empty when it is unknown or not installed. */
    public static OptionalLong maxHeapMiB(String dataset, DatasetLocator locator) {
        Optional<Path> dir;
        try {
            dir = locator.search(dataset).found().map(DatasetLocator.Candidate::dir);
        } catch (RuntimeException unknownDataset) {
            return OptionalLong.empty();
        }
        return dir.map(d -> OptionalLong.of(maxHeapBytes(sizeOfFiles(d)) >> 20)).orElse(OptionalLong.empty());
    }

    private static long sizeOfFiles(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
