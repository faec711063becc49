package io.frugal.analysis.report;

import io.frugal.analysis.plot.PlotDrawer;
import io.frugal.core.kind.KindPlot;
import io.frugal.core.store.AtomicFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a report in every format into a folder (OUT/report/). All files are rendered before the
 * first is written, so a rendering error leaves the previous report in place; each file is
 * replaced atomically, so a reader never sees half a report file.
 */
public final class ReportWriter {
    /** The folder under OUT/report/ that holds every plot as ID.png and ID.svg. */
    public static final String PLOTS = "plots";

    private ReportWriter() {}

    /** The main text of every format (report.md, report.csv, ...). */
    public static Map<ReportFormat, String> renderAll(Report report) {
        // side by side: each renderer reads the report and nothing else (report.json of 10⁵ runs alone takes a second)
        List<String> rendered = java.util.Arrays.stream(ReportFormat.values()).parallel().map(f -> f.render(report)).toList();
        Map<ReportFormat, String> texts = new EnumMap<>(ReportFormat.class);
        for (ReportFormat f : ReportFormat.values()) texts.put(f, rendered.get(f.ordinal()));
        return texts;
    }

    /**
     * Every file of the report by name: each format's main file and its further files (one CSV
     * per further table, ...), in format order, then every plot as plots/ID.png and plots/ID.svg.
     */
    public static Map<String, byte[]> files(Report report, Map<ReportFormat, String> texts) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (ReportFormat f : ReportFormat.values()) {
            files.put(f.fileName(), texts.get(f).getBytes(StandardCharsets.UTF_8));
            f.extraFiles(report).forEach((name, text) -> files.put(name, text.getBytes(StandardCharsets.UTF_8)));
        }
        for (KindPlot p : report.plots()) {
            files.put(PLOTS + "/" + p.id() + ".png", PlotDrawer.png(p));
            files.put(PLOTS + "/" + p.id() + ".svg", PlotDrawer.svg(p));
        }
        return files;
    }

    public static void writeFiles(Map<String, byte[]> files, Path dir) {
        files.forEach((name, bytes) -> AtomicFiles.writeBytes(dir.resolve(name), bytes));
    }
}
