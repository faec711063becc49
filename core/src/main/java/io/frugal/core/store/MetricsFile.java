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

    /**
     * The non-blank lines; none when the file does not exist. A last line that is not a complete
     * JSON object is the point that was being written when the writer died (a file copied or
     * restored by other means than ours can end that way): it is left out, since the run logs that
     * point again. Any other unreadable line is a damaged file, named with its line.
     */
    public static List<String> lines(Path file) {
        if (!Files.isRegularFile(file)) return List.of();
        List<String> lines;
        try {
            lines = new java.util.ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        for (int i = 0; i < lines.size(); i++) {
            if (isPoint(lines.get(i))) continue;
            if (i == lines.size() - 1) {
                lines.remove(i);
                break;
            }
            throw new IllegalStateException(file + ":" + (i + 1) + ": not a JSON object (a damaged metrics file); the run's"
                    + " checkpoint and the lines before it are intact: remove this and the following lines to continue");
        }
        return List.copyOf(lines);
    }

    /** Whether a metrics file's last line was torn (it is then left out by {@link #lines}). */
    public static boolean hasTornLastLine(Path file) {
        if (!Files.isRegularFile(file)) return false;
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
            return !all.isEmpty() && !isPoint(all.get(all.size() - 1));
        } catch (IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    private static boolean isPoint(String line) {
        try {
            return Json.parse(line).isObject();
        } catch (RuntimeException e) {
            return false;
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
