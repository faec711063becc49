package io.frugal.methods.train;

import io.frugal.core.store.AtomicFiles;
import io.frugal.core.store.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * metrics.jsonl, one object per finished epoch. The file is small (one line per epoch), so every
 * append rewrites it whole through {@link AtomicFiles}: a kill never leaves half a line, and a
 * reader always sees a prefix of the run's epochs.
 */
final class MetricsLog {
    private final Path file;
    private final List<EpochMetrics> epochs = new ArrayList<>();

    private MetricsLog(Path file) {
        this.file = file;
    }

    /**
     * Opens the log of a run that has finished {@code completedEpochs} epochs according to its
     * checkpoint. Lines beyond that (an epoch logged just before a kill, ahead of its checkpoint)
     * are dropped, so that the resumed run logs them again exactly once.
     */
    static MetricsLog resume(Path file, int completedEpochs) {
        MetricsLog log = new MetricsLog(file);
        if (completedEpochs > 0) {
            List<String> lines = readLines(file);
            if (lines.size() < completedEpochs) {
                throw new IllegalStateException(file + " has " + lines.size() + " epochs but the checkpoint has "
                        + completedEpochs + "; the run directory was changed by hand, delete its checkpoint to restart");
            }
            for (int i = 0; i < completedEpochs; i++) log.epochs.add(EpochMetrics.fromJson(Json.parse(lines.get(i))));
        }
        log.rewrite();
        return log;
    }

    private static List<String> readLines(Path file) {
        if (!Files.isRegularFile(file)) return List.of();
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    void append(EpochMetrics m) {
        epochs.add(m);
        rewrite();
    }

    List<EpochMetrics> epochs() {
        return Collections.unmodifiableList(epochs);
    }

    private void rewrite() {
        StringBuilder text = new StringBuilder();
        for (EpochMetrics m : epochs) text.append(Json.compact(m.toJson())).append('\n');
        AtomicFiles.writeString(file, text.toString());
    }
}
