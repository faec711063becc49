package io.frugal.harness.exec;

import com.fasterxml.jackson.databind.JsonNode;
import io.frugal.core.kind.TrainerKinds;
import io.frugal.core.store.Json;
import io.frugal.core.store.RunDirectory;
import java.nio.file.Files;
import java.util.List;
import java.util.OptionalLong;

/**
 * The heap options a trainer JVM is started with: the cap its kind estimates for the run
 * ({@link io.frugal.core.kind.TrainerKind#heapMiB}) and a fixed young generation
 * ({@link #YOUNG_GENERATION}). Committing and touching the whole heap at start ({@code -Xms} =
 * {@code -Xmx}, {@code -XX:+AlwaysPreTouch}) was tried and not kept: it raised the peak resident
 * set by about 270 MB.
 */
public final class TrainerHeap {
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

    /** The heap options for the run, or none when its kind cannot estimate (e.g. its dataset is not installed). */
    public static List<String> options(RunDirectory run) {
        return maxHeapMiB(run).stream().mapToObj(TrainerHeap::options).findFirst().orElse(List.of());
    }

    /** The trainer JVM's heap options for a cap of {@code maxHeapMiB}: the cap and a fixed young generation. */
    public static List<String> options(long maxHeapMiB) {
        return List.of("-Xmx" + maxHeapMiB + "m", YOUNG_GENERATION);
    }

    /** The kind's estimate for a planned config, or empty when it has none or the config cannot be read. */
    public static OptionalLong maxHeapMiB(JsonNode config) {
        try {
            return TrainerKinds.of(config).heapMiB(config);
        } catch (RuntimeException unknownKind) {
            return OptionalLong.empty(); // the trainer then stops with its own message
        }
    }

    private static OptionalLong maxHeapMiB(RunDirectory run) {
        if (!Files.isRegularFile(run.config())) return OptionalLong.empty();
        return maxHeapMiB(Json.read(run.config()));
    }
}
