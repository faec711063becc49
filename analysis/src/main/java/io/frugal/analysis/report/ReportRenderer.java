package io.frugal.analysis.report;

/** Turns a report into the text of one format. */
public interface ReportRenderer {
    String render(Report report);
}
