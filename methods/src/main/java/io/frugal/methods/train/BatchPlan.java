package io.frugal.methods.train;

/**
 * Splits an epoch's ordered examples into batches: consecutive runs of {@code batchSize}, except
 * that a last batch of a single example is merged into the one before it (batch norm cannot
 * estimate a variance from one example). Every example is in exactly one batch.
 */
final class BatchPlan {
    private BatchPlan() {}

    /** Start offsets of the batches, plus {@code count} at the end: batch b is [starts[b], starts[b+1]). */
    static int[] boundaries(int count, int batchSize) {
        if (count < 1 || batchSize < 1) throw new IllegalArgumentException("count " + count + ", batch size " + batchSize);
        int batches = (count + batchSize - 1) / batchSize;
        if (batches > 1 && count - (batches - 1) * batchSize == 1) batches--;
        int[] starts = new int[batches + 1];
        for (int b = 0; b < batches; b++) starts[b] = b * batchSize;
        starts[batches] = count;
        return starts;
    }
}
