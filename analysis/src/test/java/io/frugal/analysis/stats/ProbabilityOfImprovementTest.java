package io.frugal.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.frugal.core.random.SeededRandom;
import org.junit.jupiter.api.Test;

/** P(X > Y) from the sorted reference is exactly the count over every pair, ties, signed zeros and NaN included. */
class ProbabilityOfImprovementTest {
    @Test
    void isTheSameNumberAsCountingEveryPair() {
        SeededRandom random = SeededRandom.of(3, "poi-test");
        for (int trial = 0; trial < 200; trial++) {
            double[] x = values(random, 1 + random.nextInt(40));
            double[] y = values(random, 1 + random.nextInt(40));
            assertThat(ProbabilityOfImprovement.of(x, y)).as("trial " + trial).isEqualTo(pairByPair(x, y));
        }
    }

    /** Few distinct values (many ties), with -0.0 beside 0.0 and the odd NaN. */
    private static double[] values(SeededRandom random, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            int k = random.nextInt(12);
            out[i] = k == 0 ? -0.0 : k == 1 ? 0.0 : k == 2 && random.nextInt(4) == 0 ? Double.NaN : 0.25 * (k - 6);
        }
        return out;
    }

    private static double pairByPair(double[] sample, double[] reference) {
        double wins = 0;
        for (double x : sample) {
            for (double y : reference) {
                if (x > y) wins += 1;
                else if (x == y) wins += 0.5;
            }
        }
        return wins / ((double) sample.length * reference.length);
    }
}
