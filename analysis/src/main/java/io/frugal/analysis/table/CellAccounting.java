package io.frugal.analysis.table;

import io.frugal.analysis.stats.Summary;
import io.frugal.analysis.store.ClusterAccounting;
import io.frugal.analysis.store.RunRecord;
import java.util.List;
import java.util.Objects;

/**
 * A cell's SLURM accounting, over its done runs that have some ({@code accounted} of
 * {@code done}): elapsed job time summed over each run's attempts, the wait in the queue before
 * each run's first start, and the restarts of all of them together. Where only some done runs
 * were accounted (some ran locally, or a slurm.json was damaged), the summaries rest on those
 * alone, and the renderers say so.
 */
public record CellAccounting(int accounted, int done, Summary elapsedSeconds, Summary queueWaitSeconds, long restarts) {
    public static CellAccounting of(List<RunRecord> runs) {
        List<RunRecord> done = runs.stream().filter(RunRecord::isDone).toList();
        List<ClusterAccounting> acc = done.stream().map(RunRecord::accounting).filter(Objects::nonNull).toList();
        return new CellAccounting(acc.size(), done.size(),
                Summary.of(acc.stream().mapToDouble(ClusterAccounting::elapsedTotalSeconds).toArray()),
                Summary.of(acc.stream().filter(ClusterAccounting::hasQueueWait).mapToDouble(ClusterAccounting::queueWaitSeconds).toArray()),
                acc.stream().mapToLong(ClusterAccounting::restarts).sum());
    }

    /** Some done runs of the cell have no accounting: its figures speak for fewer runs than the rest of the row. */
    public boolean isPartial() {
        return accounted < done;
    }
}
