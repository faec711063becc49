package io.frugal.core.random;

import java.nio.charset.StandardCharsets;

/**
 * A small, fully specified random stream (SplitMix64), so that a run's data order, subsets,
 * initialisation and augmentation depend only on its seed: the same on every JDK and machine.
 * Streams are derived from (seed, purpose, index...) instead of being carried along, which is what
 * makes resuming from a checkpoint give the same numbers as an uninterrupted run: epoch 7's subset
 * is {@code SeededRandom.of(seed, "subset", 7)} whether or not epochs 0..6 ran in this process.
 */
public final class SeededRandom {
    private long state;

    private SeededRandom(long state) {
        this.state = state;
    }

    public static SeededRandom of(long seed, String purpose, long... indices) {
        long h = mix(seed ^ 0x9E3779B97F4A7C15L);
        for (byte b : purpose.getBytes(StandardCharsets.UTF_8)) {
            h = mix(h ^ (b & 0xFF));
        }
        for (long i : indices) {
            h = mix(h ^ mix(i + 0x632BE59BD9B4E019L));
        }
        return new SeededRandom(h);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public long nextLong() {
        state += 0x9E3779B97F4A7C15L;
        return mix(state);
    }

    /**
     * A run of {@link #nextInt(int) nextInt(bound)} draws whose state is held by the run, not by
     * this generator, until {@link Draws#close()} hands it back: the same numbers in the same order
     * as calling nextInt, and this generator where those calls would leave it. For hot loops of
     * draws: a local object that does not escape is kept in registers by the JIT, while this
     * generator's own field would be stored and loaded again at every draw.
     */
    public Draws draws(int bound) {
        if (bound <= 0) throw new IllegalArgumentException("bound must be positive: " + bound);
        return new Draws(this, bound);
    }

    /** See {@link #draws(int)}; use one at a time per generator, and close it before the generator is used again. */
    public static final class Draws implements AutoCloseable {
        private final SeededRandom owner;
        private final long bound;
        private final long threshold;
        private long state;

        private Draws(SeededRandom owner, int bound) {
            this.owner = owner;
            this.bound = bound;
            this.threshold = (0x100000000L - bound) % bound;
            this.state = owner.state;
        }

        /** As {@code nextInt(bound)} of the generator. */
        public int next() {
            state += 0x9E3779B97F4A7C15L;
            long r = (mix(state) >>> 32) * bound;
            long low = r & 0xFFFFFFFFL;
            if (low < bound) {
                while (low < threshold) {
                    state += 0x9E3779B97F4A7C15L;
                    r = (mix(state) >>> 32) * bound;
                    low = r & 0xFFFFFFFFL;
                }
            }
            return (int) (r >>> 32);
        }

        @Override
        public void close() {
            owner.state = state;
        }
    }

    /** Uniform in [0, bound), without modulo bias (Lemire's method with rejection). */
    public int nextInt(int bound) {
        if (bound <= 0) throw new IllegalArgumentException("bound must be positive: " + bound);
        long r = (nextLong() >>> 32) * bound;
        long low = r & 0xFFFFFFFFL;
        if (low < bound) {
            long threshold = (0x100000000L - bound) % bound;
            while (low < threshold) {
                r = (nextLong() >>> 32) * bound;
                low = r & 0xFFFFFFFFL;
            }
        }
        return (int) (r >>> 32);
    }

    /** Uniform in [0, 1) with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [lo, hi). */
    public double uniform(double lo, double hi) {
        return lo + (hi - lo) * nextDouble();
    }

    public boolean nextBoolean() {
        return nextLong() < 0;
    }

    /** Standard normal by Box-Muller (one value per call; simple and specified). */
    public double nextGaussian() {
        double u1 = nextDouble();
        double u2 = nextDouble();
        return Math.sqrt(-2.0 * Math.log1p(-u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** In-place Fisher-Yates shuffle. */
    public void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** A random permutation of 0..n-1. */
    public int[] permutation(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        shuffle(p);
        return p;
    }
}
