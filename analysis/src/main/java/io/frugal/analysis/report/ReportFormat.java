package io.frugal.analysis.report;

import java.util.Locale;

/** The formats a report is written in, each with its file name under OUT/report/. */
public enum ReportFormat {
    MD("report.md", new MarkdownRenderer()),
    CSV("report.csv", new CsvRenderer()),
    JSON("report.json", new JsonRenderer()),
    TEX("report.tex", new TexRenderer()),
    HTML("report.html", new HtmlRenderer());

    private final String fileName;
    private final ReportRenderer renderer;

    ReportFormat(String fileName, ReportRenderer renderer) {
        this.fileName = fileName;
        this.renderer = renderer;
    }

    public String fileName() {
        return fileName;
    }

    public String render(Report report) {
        return renderer.render(report);
    }

    /** The format's further files beside its main one, by name. */
    public java.util.Map<String, String> extraFiles(Report report) {
        return renderer.extraFiles(report);
    }

    /** The name a user types: md, csv, json, tex, html. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
