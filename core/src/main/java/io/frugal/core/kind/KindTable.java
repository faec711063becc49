package io.frugal.core.kind;

import java.util.List;

/**
 * A table a trainer kind adds to the report beside the generic one (which every kind gets from
 * its {@link MetricSchema}): e.g. a flow model's learned parameters against theory, or ReLA's
 * probe accuracy per budget and prior. Cells are already formatted; {@code numbers} holds the
 * same cells as numbers where they are numbers (NaN elsewhere), for the machine formats.
 *
 * @param id     a file-name-safe name (report formats use it for anchors and file names)
 * @param title  a heading
 * @param notes  paragraphs under the table: what the columns are, where theory comes from
 */
public record KindTable(String id, String title, List<String> columns, List<List<String>> rows,
                        List<List<Double>> numbers, List<String> notes) {
    public KindTable {
        columns = List.copyOf(columns);
        rows = rows.stream().map(List::copyOf).toList();
        numbers = numbers.stream().map(List::copyOf).toList();
        notes = List.copyOf(notes);
        if (!id.matches("[a-z0-9-]+")) throw new IllegalArgumentException("table id must match [a-z0-9-]+: " + id);
        for (List<String> r : rows) {
            if (r.size() != columns.size()) throw new IllegalArgumentException(title + ": a row of " + r.size() + " cells for " + columns.size() + " columns");
        }
        if (numbers.size() != rows.size()) throw new IllegalArgumentException(title + ": numbers must have one list per row");
    }
}
