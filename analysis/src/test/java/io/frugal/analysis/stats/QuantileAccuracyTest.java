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
        {30, 2.0422724563012378}, {100, 1.9839715185235518}, {1000, 1.9623390808264083},
    };

    @Test
    void criticalValuesAreRightToTwelveDigits() {
        for (double[] row : PPF) {
            // withinPercentage(1e-10) is 1e-12 relative.
            assertThat(Summary.tQuantile(row[0])).as("df %s", row[0]).isCloseTo(row[1], withinPercentage(1e-10));
        }
    }

    @Test
    void hugeDfLoseDigitsInCommonsMathsCdfNotInTheSolver() {
        // Commons Math's t CDF forms df / (df + t²) and so loses about eps · df / t² of 1 − x: at
        // df = 1e6 the quantile is right to ~6e-11 relative (no table has such df; power analysis only
        // needs whole seeds). Still 100 times better than the default solver's 1e-9 absolute.
        assertThat(Summary.tQuantile(1e4)).isCloseTo(1.960201239890626, withinPercentage(1e-10));
        assertThat(Summary.tQuantile(1e6)).isCloseTo(1.959966356814107, withinPercentage(1e-8));
    }
}
