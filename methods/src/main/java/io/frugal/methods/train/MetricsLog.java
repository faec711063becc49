package io.frugal.methods.train;

import io.frugal.core.store.MetricsFile;
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
 * A classifier run's metrics.jsonl ({@link MetricsFile}), one object per finished epoch.
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
            List<String> lines = MetricsFile.lines(file);
            if (lines.size() < completedEpochs) {
                throw new IllegalStateException(file + " has " + lines.size() + " epochs but the checkpoint has "
                        + completedEpochs + "; the run directory was changed by hand, delete its checkpoint to restart");
            }
            for (int i = 0; i < completedEpochs; i++) log.epochs.add(EpochMetrics.fromJson(Json.parse(lines.get(i))));
        }
        log.rewrite();
        return log;
    }

    void append(EpochMetrics m) {
        epochs.add(m);
        rewrite();
    }

    List<EpochMetrics> epochs() {
        return Collections.unmodifiableList(epochs);
    }

    private void rewrite() {
        MetricsFile.write(file, epochs.stream().map(EpochMetrics::toJson).toList());
    }
}
