package io.frugal.harness.exec;

import com.fasterxml.jackson.databind.JsonNode;
import io.frugal.methods.data.DatasetLocator;
import io.frugal.core.store.Json;
import io.frugal.core.store.RunDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The Java heap cap a trainer JVM is started with. Without one, G1 may use a quarter of the
 * machine's memory and enlarges the heap whenever collection looks costly, so a trainer's
 * resident set kept growing from epoch to epoch although nothing leaked (BENCHMARKS.md, "Trainer
 * memory"). What a trainer keeps on the Java heap is its decoded dataset (bytes, at most a few
 * times the size of its files, which may be compressed) and, while decoding, one file read whole;
 * the rest (run bookkeeping, batch assembly) is small and fixed. The cap is therefore a fixed part
 * plus a multiple of the dataset's size on disk. Beside the cap, the young generation has a fixed
 * size ({@link #YOUNG_GENERATION}). Committing and touching the whole heap at start ({@code -Xms} =
 * {@code -Xmx}, {@code -XX:+AlwaysPreTouch}) was tried and not kept: it raised the peak resident set
 * by about 270 MB, and the cap is sized generously for compressed datasets.
 */
public final class TrainerHeap {
    static final long FIXED_BYTES = 256L << 20;
    static final int PER_DATASET_BYTE = 4;
    /**
     * The young generation's fixed size. Left to itself, G1 keeps enlarging the young generation
     * while its pauses stay short, touching heap pages it had never used, so a trainer's resident
     * set rose by ≈ 70 MiB over 110 epochs (and kept rising towards the cap) although the live heap
     * did not grow; with a fixed young generation it stays flat from epoch 10 (BENCHMARKS.md,
     * change 8). What a trainer allocates per step on the heap is a batch's indices and bookkeeping,
     * so 32 MiB of young generation still means few, short collections.
     */
    static final String YOUNG_GENERATION = "-Xmn32m";

    private TrainerHeap() {}

    /** The heap cap for a dataset whose files take {@code datasetFileBytes} on disk, rounded up to MiB. */
    public static long maxHeapBytes(long datasetFileBytes) {
        long bytes = FIXED_BYTES + PER_DATASET_BYTE * datasetFileBytes;
        long mib = (bytes + (1 << 20) - 1) >> 20;
        return mib << 20;
    }

    /**
     * The heap options for the run's dataset ({@link #options(long)}), or none when the run's config names no dataset that is
     * installed: the trainer then stops with its own message about it, and no cap is needed.
     */
    public static List<String> options(RunDirectory run, DatasetLocator locator) {
        return maxHeapMiB(run, locator).map(TrainerHeap::options).orElse(List.of());
    }

    /** The trainer JVM's heap options for a cap of {@code maxHeapMiB}: the cap and a fixed young generation. */
    public static List<String> options(long maxHeapMiB) {
        return List.of("-Xmx" + maxHeapMiB + "m", YOUNG_GENERATION);
    }

    private static Optional<Long> maxHeapMiB(RunDirectory run, DatasetLocator locator) {
        if (!Files.isRegularFile(run.config())) return Optional.empty();
        JsonNode dataset = Json.read(run.config()).path("dataset");
        if (!dataset.isTextual()) return Optional.empty();
        return maxHeapMiB(dataset.asText(), locator);
    }

    /** The heap cap in MiB for a trainer of {@code dataset}, or empty when it is unknown or not installed. */
    public static Optional<Long> maxHeapMiB(String dataset, DatasetLocator locator) {
        Optional<Path> dir;
        try {
            dir = locator.search(dataset).found().map(DatasetLocator.Candidate::dir);
        } catch (RuntimeException unknownDataset) {
            return Optional.empty();
        }
        return dir.map(d -> maxHeapBytes(sizeOfFiles(d)) >> 20);
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
