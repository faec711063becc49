package io.frugal.analysis.table;

import java.util.List;

/**
 * The table of one trainer kind ({@code kind}, whose metrics name the columns): its rows in display order, the experiment they were compared against (may be null),
 * and the size of the table's Holm family: the rows compared with at least two done runs on each
 * side, which is the m every adjusted p of the table was computed with.
 */
public record ResultTable(String kind, io.frugal.core.kind.MetricSchema metrics, List<CellRow> rows, String baseline,
        int holmFamilySize) {
    public ResultTable {
        rows = List.copyOf(rows);
    }

    /** True when some run has matrix values, so tables need a column for them. */
    public boolean hasMatrix() {
        return rows.stream().anyMatch(r -> !r.key().matrix().isEmpty());
    }

    /**
     * True when some done run has SLURM accounting, so tables get its columns; reports of local
     * runs stay exactly as they were without them.
     */
    public boolean hasAccounting() {
        return rows.stream().anyMatch(r -> r.accounting().accounted() > 0);
    }

    public List<CellRow> incompleteRows() {
        return rows.stream().filter(CellRow::isIncomplete).toList();
    }
}
