package io.frugal.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.junit.jupiter.api.Test;

/** Interval bounds are only as good as the t quantile; Commons Math's default solves it to 1e-9 absolute. */
class QuantileAccuracyTest {
    // Reference: scipy.stats.t.ppf(0.975, df), scipy 1.17.1.
    private static final double[][] PPF = {
        {1, 12.706204736174694}, {2, 4.302652729749462}, {3, 3.1824463052837078}, {4, 2.7764451051977934},
        {5.022716097944739, 2.5670889624721847}, {11, 2.200985160091639}, {22, 2.0738730679040254},
        {1e6, 1.959966356814107},
    };

    @Test
    void criticalValuesAreRightToTwelveDigits() {
        for (double[] row : PPF) {
            // withinPercentage(1e-10) is 1e-12 relative.
            assertThat(Summary.tQuantile(row[0])).as("df %s", row[0]).isCloseTo(row[1], withinPercentage(1e-10));
        }
    }
}
