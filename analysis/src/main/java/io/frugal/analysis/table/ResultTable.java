package io.frugal.analysis.table;

import java.util.List;

/** The rows of a report in display order, and the experiment they were compared against (may be null). */
public record ResultTable(List<CellRow> rows, String baseline) {
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
