package io.frugal.reproducibility.verify;

import java.util.ArrayList;
import java.util.List;

/**
 * A small document of headings, paragraphs, bullet lists and tables, rendered to Markdown and to a
 * self-contained HTML page with the same content, so the two reports cannot say different things.
 */
final class Doc {
    private sealed interface Block permits Heading, Para, Bullets, Table {}
    private record Heading(int level, String text) implements Block {}
    private record Para(String text) implements Block {}
    private record Bullets(List<String> items) implements Block {}
    private record Table(List<String> header, List<List<String>> rows) implements Block {}

    private final List<Block> blocks = new ArrayList<>();

    Doc h(int level, String text) { blocks.add(new Heading(level, text)); return this; }
    Doc p(String text) { blocks.add(new Para(text)); return this; }
    Doc bullets(List<String> items) { if (!items.isEmpty()) blocks.add(new Bullets(List.copyOf(items))); return this; }
    Doc table(List<String> header, List<List<String>> rows) { blocks.add(new Table(List.copyOf(header), List.copyOf(rows))); return this; }

    String markdown() {
        StringBuilder s = new StringBuilder();
        for (Block b : blocks) {
            if (b instanceof Heading h) s.append("#".repeat(h.level())).append(' ').append(h.text()).append("\n\n");
            else if (b instanceof Para p) s.append(p.text()).append("\n\n");
            else if (b instanceof Bullets l) {
                    for (String i : l.items()) s.append("- ").append(i).append('\n');
                    s.append('\n');
            } else if (b instanceof Table t) {
                    s.append("| ").append(String.join(" | ", t.header().stream().map(Doc::cell).toList())).append(" |\n|");
                    s.append("---|".repeat(t.header().size())).append('\n');
                    for (List<String> r : t.rows()) s.append("| ").append(String.join(" | ", r.stream().map(Doc::cell).toList())).append(" |\n");
                    s.append('\n');
            }
        }
        return s.toString();
    }

    String html(String title) {
        StringBuilder s = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(esc(title)).append("</title>\n<style>body{font-family:system-ui,sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem;line-height:1.45}"
                        + "table{border-collapse:collapse;margin:1rem 0;font-size:.9rem}th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}"
                        + "th{background:#f3f3f3}td.reproduced{background:#e6f4e6}td.not-reproduced{background:#f9e0e0}td.inconclusive{background:#fff6d9}"
                        + "code{background:#f3f3f3;padding:0 .2rem}</style></head><body>\n");
        for (Block b : blocks) {
            if (b instanceof Heading h) { s.append("<h").append(h.level()).append('>').append(inline(h.text())).append("</h").append(h.level()).append(">\n"); }
            else if (b instanceof Para p) s.append("<p>").append(inline(p.text())).append("</p>\n");
            else if (b instanceof Bullets l) {
                    s.append("<ul>\n");
                    for (String i : l.items()) s.append("<li>").append(inline(i)).append("</li>\n");
                    s.append("</ul>\n");
            } else if (b instanceof Table t) {
                    s.append("<table><thead><tr>");
                    for (String h : t.header()) s.append("<th>").append(inline(h)).append("</th>");
                    s.append("</tr></thead><tbody>\n");
                    for (List<String> r : t.rows()) {
                        s.append("<tr>");
                        for (String c : r) {
                            String cls = switch (c) {
                                case "reproduced" -> " class=\"reproduced\"";
                                case "not reproduced" -> " class=\"not-reproduced\"";
                                case "inconclusive" -> " class=\"inconclusive\"";
                                default -> "";
                            };
                            s.append("<td").append(cls).append('>').append(inline(c)).append("</td>");
                        }
                        s.append("</tr>\n");
                    }
                    s.append("</tbody></table>\n");
            }
        }
        return s.append("</body></html>\n").toString();
    }

    private static String cell(String c) {
        return c.replace("|", "\\|").replace("\n", " ");
    }

    /** Escapes HTML, then turns `code` and **bold** into their elements. */
    private static String inline(String text) {
        return esc(text).replaceAll("`([^`]*)`", "<code>$1</code>").replaceAll("\\*\\*([^*]*)\\*\\*", "<strong>$1</strong>");
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
