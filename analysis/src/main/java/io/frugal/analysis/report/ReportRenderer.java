package io.frugal.analysis.report;

import java.util.Map;

/** Turns a report into the text of one format. */
public interface ReportRenderer {
    /** The format's main file (report.md, report.csv, ...). */
    String render(Report report);

    /** Further files of the format beside the main one, by file name; none by default. */
    default Map<String, String> extraFiles(Report report) {
        return Map.of();
    }
}
