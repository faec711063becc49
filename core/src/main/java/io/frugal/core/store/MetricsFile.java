package io.frugal.core.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code metrics.jsonl}, one JSON object per epoch or evaluation point, and its only reader and
 * writer. The file is small, so every append rewrites it whole through {@link AtomicFiles}: a kill
 * never leaves half a line, and a reader always sees a prefix of the run's points.
 */
public final class MetricsFile {
    private MetricsFile() {}

    /** The non-blank lines; none when the file does not exist. */
    public static List<String> lines(Path file) {
        if (!Files.isRegularFile(file)) return List.of();
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The points written so far, for progress displays: 0 when the file is absent or unreadable. */
    public static int count(RunDirectory run) {
        try {
            return lines(run.metrics()).size();
        } catch (UncheckedIOException e) {
            return 0;
        }
    }

    /** Replaces the file with these points, atomically. */
    public static void write(Path file, List<? extends JsonNode> points) {
        StringBuilder text = new StringBuilder();
        for (JsonNode p : points) text.append(Json.compact(p)).append('\n');
        AtomicFiles.writeString(file, text.toString());
    }
}
