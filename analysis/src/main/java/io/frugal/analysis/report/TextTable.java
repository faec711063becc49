package io.frugal.analysis.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A GitHub-style Markdown table whose columns are padded to a common width, so that it is as
 * readable in a terminal as it is rendered. Numeric columns are right-aligned.
 */
public final class TextTable {
    private final List<String> headers = new ArrayList<>();
    private final List<Boolean> rightAligned = new ArrayList<>();
    private final List<List<String>> rows = new ArrayList<>();

    public TextTable column(String header, boolean right) {
        headers.add(header);
        rightAligned.add(right);
        return this;
    }

    public void row(List<String> cells) {
        if (cells.size() != headers.size()) {
            throw new IllegalArgumentException("row has " + cells.size() + " cells, table has " + headers.size() + " columns");
        }
        // Escaped before widths are measured, so a '|' in a name cannot shift the columns.
        rows.add(cells.stream().map(c -> c.replace("|", "\\|")).toList());
    }

    public List<String> headers() {
        return List.copyOf(headers);
    }

    public boolean isRightAligned(int column) {
        return rightAligned.get(column);
    }

    /** The cells as given (a '|' in them escaped for Markdown as "\\|"). */
    public List<List<String>> rows() {
        return List.copyOf(rows);
    }

    public String render() {
        int[] width = new int[headers.size()];
        for (int c = 0; c < width.length; c++) {
            width[c] = Math.max(3, headers.get(c).length());
            for (List<String> row : rows) width[c] = Math.max(width[c], row.get(c).length());
        }
        StringBuilder out = new StringBuilder();
        line(out, headers, width);
        out.append('|');
        for (int c = 0; c < width.length; c++) {
            out.append(rightAligned.get(c) ? " " + "-".repeat(width[c] - 1) + ":" : " " + "-".repeat(width[c]))
                    .append(" |");
        }
        out.append('\n');
        for (List<String> row : rows) line(out, row, width);
        return out.toString();
    }

    private void line(StringBuilder out, List<String> cells, int[] width) {
        out.append('|');
        for (int c = 0; c < width.length; c++) {
            String cell = cells.get(c);
            String pad = " ".repeat(Math.max(0, width[c] - cell.length()));
            out.append(' ').append(rightAligned.get(c) ? pad + cell : cell + pad).append(" |");
        }
        out.append('\n');
    }
}
