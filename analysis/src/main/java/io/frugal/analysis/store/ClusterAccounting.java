package io.frugal.analysis.store;

/**
 * What SLURM accounted for a done run it executed ({@code runs/ID/slurm.json}, which the harness
 * writes from sacct): the cluster's side of the runtime tables, next to the trainer's own seconds.
 * {@code elapsedTotalSeconds} sums every attempt, so a run requeued after a preemption or time
 * limit also counts the attempts it lost; {@code queueWaitSeconds} is the wait before its first
 * start, -1 where SLURM did not say.
 */
public record ClusterAccounting(String jobId, long restarts, long elapsedFinalSeconds, long elapsedTotalSeconds,
        long queueWaitSeconds) {
    public boolean hasQueueWait() {
        return queueWaitSeconds >= 0;
    }
}
