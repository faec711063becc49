package io.frugal.analysis.report;

import io.frugal.analysis.plot.PlotDrawer;
import io.frugal.analysis.store.RunRecord;
import io.frugal.analysis.store.RunState;
import io.frugal.analysis.table.Aggregator;
import io.frugal.analysis.table.ResultTable;
import io.frugal.core.kind.KindPlot;
import io.frugal.core.kind.KindTable;
import io.frugal.core.store.Plan;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * report.html: one self-contained page (no network needed to view it: inline CSS, no scripts,
 * plots as SVG data URIs) with what the report was computed from, every table, every plot and
 * every run left out with its reason. The tables carry the Markdown report's cells, so both
 * formats show the same numbers.
 */
public final class HtmlRenderer implements ReportRenderer {
    private static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2em auto;max-width:1400px;padding:0 1em;color:#222;line-height:1.45}
            h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.25em;margin-top:2em;border-bottom:1px solid #ddd;padding-bottom:.2em}
            table{border-collapse:collapse;font-size:.85em;margin:1em 0;display:block;overflow-x:auto}
            th,td{padding:.3em .6em;border-bottom:1px solid #e5e5e5;white-space:nowrap}
            th{background:#f5f5f5;text-align:left;position:sticky;top:0}td.r,th.r{text-align:right;font-variant-numeric:tabular-nums}
            tr.baseline td{background:#fafaf0}p.note{font-size:.85em;color:#444;max-width:100em}
            code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.9em;background:#f3f3f3;padding:0 .2em}
            dl.from{display:grid;grid-template-columns:max-content auto;gap:.2em 1em;font-size:.9em}dl.from dt{font-weight:600}dl.from dd{margin:0}
            figure{margin:1.5em 0}figure img{max-width:100%;height:auto;border:1px solid #eee}figcaption{font-size:.85em;color:#444}
            .failed{color:#a00}.blocked{color:#a60}
            """;

    @Override
    public String render(Report report) {
        Plan plan = report.snapshot().plan();
        StringBuilder out = new StringBuilder();
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>frugal report: ").append(esc(or(plan.name(), "(unnamed plan)"))).append("</title>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        out.append("<h1>frugal report: ").append(esc(or(plan.name(), "(unnamed plan)"))).append(plan.source() == null ? ""
                : " <small>(" + esc(plan.source()) + ")</small>").append("</h1>\n");
        computedFrom(report, out);
        boolean several = report.tables().size() > 1;
        for (ResultTable table : report.tables()) {
            out.append("<h2 id=\"table-").append(esc(table.kind())).append("\">").append(several ? esc(table.kind()) + " runs" : "Results")
                    .append("</h2>\n");
            TextTable t = MarkdownRenderer.textTable(table, report.energy());
            table(t, table, out);
            StringBuilder note = new StringBuilder();
            MarkdownRenderer.footnote(table, note);
            if (table.hasAccounting()) MarkdownRenderer.accountingNote(note);
            note.append('\n').append(EnergyText.note(report.energy(), MarkdownRenderer.doneRuns(table))).append('\n');
            for (String para : note.toString().strip().split("\n+")) out.append("<p class=\"note\">").append(inline(para)).append("</p>\n");
        }
        for (KindTable k : report.kindTables()) kindTable(k, out);
        energyPerRun(report, out);
        plots(report, out);
        leftOut(report, out);
        if (!report.problems().isEmpty()) {
            out.append("<h2 id=\"problems\">Problems</h2>\n<ul>\n");
            report.problems().forEach(p -> out.append("<li>").append(esc(p)).append("</li>\n"));
            out.append("</ul>\n");
        }
        out.append("</body>\n</html>\n");
        return out.toString();
    }

    private static void computedFrom(Report report, StringBuilder out) {
        Plan plan = report.snapshot().plan();
        out.append("<dl class=\"from\">\n");
        item(out, "manifest", "<code>" + esc(or(plan.manifest(), "unknown")) + "</code>, sha256 <code>"
                + esc(or(plan.manifestSha256(), "unknown")) + "</code>");
        item(out, "profile", "<code>" + esc(or(plan.profile(), "none")) + "</code>; overrides: " + (plan.overrides().isEmpty() ? "none"
                : plan.overrides().stream().map(o -> "<code>" + esc(o) + "</code>").collect(Collectors.joining(", "))));
        item(out, "runs", report.planned() + " planned, " + report.count(RunState.DONE) + " done, " + report.count(RunState.FAILED)
                + " failed, " + report.unfinished() + " unfinished");
        item(out, "baseline", plan.baseline() == null ? "none (no ratios or differences)" : "<code>" + esc(plan.baseline()) + "</code>");
        item(out, "code version", "<code>" + esc(report.codeVersion()) + "</code>; " + esc(report.generator()));
        item(out, "results sha256", "<code>" + esc(report.resultsSha256()) + "</code>");
        item(out, "bootstrap", Numbers.count(Aggregator.BOOTSTRAP_RESAMPLES) + " resamples, seed <code>" + Aggregator.BOOTSTRAP_SEED + "</code>");
        List<String> ids = report.doneRunIds();
        item(out, "done run ids", ids.isEmpty() ? "none" : "<details><summary>" + ids.size() + " runs</summary>"
                + ids.stream().map(i -> "<code>" + esc(i) + "</code>").collect(Collectors.joining(" ")) + "</details>");
        out.append("</dl>\n");
    }

    private static void item(StringBuilder out, String term, String html) {
        out.append("<dt>").append(esc(term)).append("</dt><dd>").append(html).append("</dd>\n");
    }

    private static void table(TextTable t, ResultTable table, StringBuilder out) {
        out.append("<table>\n<thead><tr>");
        List<String> headers = t.headers();
        for (int c = 0; c < headers.size(); c++) {
            out.append("<th").append(t.isRightAligned(c) ? " class=\"r\"" : "").append('>').append(esc(headers.get(c))).append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        List<List<String>> rows = t.rows();
        for (int r = 0; r < rows.size(); r++) {
            out.append(table != null && table.rows().get(r).isBaseline() ? "<tr class=\"baseline\">" : "<tr>");
            for (int c = 0; c < headers.size(); c++) {
                out.append("<td").append(t.isRightAligned(c) ? " class=\"r\"" : "").append('>')
                        .append(esc(rows.get(r).get(c).replace("\\|", "|"))).append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table>\n");
    }

    private static void kindTable(KindTable k, StringBuilder out) {
        out.append("<h2 id=\"table-").append(esc(k.id())).append("\">").append(esc(k.title())).append("</h2>\n");
        TextTable t = new TextTable();
        for (int c = 0; c < k.columns().size(); c++) {
            final int col = c;
            t.column(k.columns().get(c), k.numbers().stream().anyMatch(r -> r.size() > col && !Double.isNaN(r.get(col))));
        }
        k.rows().forEach(t::row);
        table(t, null, out);
        k.notes().forEach(n -> out.append("<p class=\"note\">").append(inline(n)).append("</p>\n"));
    }

    /** Every done run's energy record, folded (a store has many runs). */
    private static void energyPerRun(Report report, StringBuilder out) {
        if (report.energy().isEmpty()) return;
        out.append("<h2 id=\"energy\">Energy and CO2 per run</h2>\n<details><summary>").append(report.energy().byRun().size())
                .append(" runs with an energy record</summary>\n");
        for (ResultTable table : report.tables()) {
            TextTable t = EnergyText.perRun(report.energy(), MarkdownRenderer.doneRuns(table));
            if (!t.rows().isEmpty()) table(t, null, out);
        }
        out.append("</details>\n");
    }

    private static void plots(Report report, StringBuilder out) {
        if (report.plots().isEmpty()) return;
        out.append("<h2 id=\"plots\">Plots</h2>\n");
        for (KindPlot p : report.plots()) {
            String svg = Base64.getEncoder().encodeToString(PlotDrawer.svg(p));
            out.append("<figure id=\"plot-").append(p.id()).append("\"><img alt=\"").append(esc(p.title()))
                    .append("\" width=\"").append(PlotDrawer.WIDTH).append("\" height=\"").append(PlotDrawer.HEIGHT)
                    .append("\" src=\"data:image/svg+xml;base64,").append(svg).append("\"><figcaption>")
                    .append(esc(String.join(" ", p.notes()))).append(" Files: <code>").append(ReportWriter.PLOTS).append('/')
                    .append(p.id()).append(".svg</code>, <code>.png</code>.</figcaption></figure>\n");
        }
    }

    /** Every planned run the tables do not count, with why. */
    private static void leftOut(Report report, StringBuilder out) {
        List<RunRecord> left = report.snapshot().runs().stream().filter(r -> !r.isDone()).toList();
        if (left.isEmpty()) return;
        out.append("<h2 id=\"left-out\">Failed, blocked and unfinished runs</h2>\n<table>\n<thead><tr><th>run</th><th>dataset</th>")
                .append("<th>experiment</th><th class=\"r\">seed</th><th>state</th><th>reason</th></tr></thead>\n<tbody>\n");
        for (RunRecord r : left) {
            String reason = "";
            if (r.state() == RunState.FAILED && r.failure() != null) {
                reason = (r.failure().exitCode() == null ? "" : "exit " + r.failure().exitCode() + ": ")
                        + (r.failure().message() == null ? "" : MarkdownRenderer.oneLine(r.failure().message()));
            }
            if (r.problem() != null) reason = reason.isEmpty() ? r.problem() : reason + "; " + r.problem();
            String css = r.state() == RunState.FAILED || r.state() == RunState.CORRUPT ? "failed"
                    : r.state() == RunState.BLOCKED ? "blocked" : "";
            out.append("<tr><td><code>").append(esc(r.id())).append("</code></td><td>").append(esc(r.planned().dataset()))
                    .append("</td><td>").append(esc(r.planned().experiment())).append("</td><td class=\"r\">").append(r.planned().seed())
                    .append("</td><td class=\"").append(css).append("\">").append(esc(r.state().label())).append("</td><td>")
                    .append(esc(reason)).append("</td></tr>\n");
        }
        out.append("</tbody>\n</table>\n");
    }

    /** Markdown's *emphasis* and `code` of the shared footnotes, as HTML. */
    static String inline(String markdown) {
        return esc(markdown).replaceAll("`([^`]*)`", "<code>$1</code>").replaceAll("\\*([^*]+)\\*", "<em>$1</em>");
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static String or(String s, String fallback) {
        return s == null ? fallback : s;
    }
}
