package io.frugal.analysis.report;

import io.frugal.core.store.AtomicFiles;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * Writes a report in every format into a folder (OUT/report/). All texts are rendered before the
 * first file is written, so a rendering error leaves the previous report in place; each file is
 * replaced atomically, so a reader never sees half a report file.
 */
public final class ReportWriter {
    private ReportWriter() {}

    public static Map<ReportFormat, String> renderAll(Report report) {
        Map<ReportFormat, String> texts = new EnumMap<>(ReportFormat.class);
        for (ReportFormat f : ReportFormat.values()) texts.put(f, f.render(report));
        return texts;
    }

    public static void writeAll(Map<ReportFormat, String> texts, Path dir) {
        texts.forEach((format, text) -> AtomicFiles.writeString(dir.resolve(format.fileName()), text));
    }
}
