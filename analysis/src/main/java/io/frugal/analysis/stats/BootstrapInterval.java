package io.frugal.analysis.stats;

/**
 * A 95% percentile bootstrap interval, with what is needed to recompute it: the seed and the
 * number of resamples. NaN bounds when the data could not be resampled meaningfully.
 */
public record BootstrapInterval(double low, double high, long seed, int resamples) {}
