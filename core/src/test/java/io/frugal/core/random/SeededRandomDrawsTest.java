package io.frugal.core.random;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Bootstrap intervals (and so every report) are pinned to the exact draws of nextInt: a run of
 * draws must give the same numbers and leave the generator where the same calls would, also for
 * bounds where Lemire's method rejects draws (bounds near 2³¹ reject about a quarter of them).
 */
class SeededRandomDrawsTest {
    @Test
    void aRunOfDrawsIsTheSameAsCallingNextInt() {
        for (int bound : new int[] {1, 2, 7, 20_000, 1 << 30, (1 << 30) + 12_345, Integer.MAX_VALUE}) {
            SeededRandom calls = SeededRandom.of(5, "draws", bound);
            SeededRandom runs = SeededRandom.of(5, "draws", bound);
            for (int round = 0; round < 3; round++) {
                int[] expected = new int[10_000];
                for (int i = 0; i < expected.length; i++) expected[i] = calls.nextInt(bound);
                int[] drawn = new int[expected.length];
                try (SeededRandom.Draws d = runs.draws(bound)) {
                    for (int i = 0; i < drawn.length; i++) drawn[i] = d.next();
                }
                assertThat(drawn).as("bound %d, round %d", bound, round).isEqualTo(expected);
                assertThat(runs.nextLong()).as("the generator after the run, bound %d", bound).isEqualTo(calls.nextLong());
            }
        }
    }
}
