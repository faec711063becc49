package io.frugal.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.frugal.core.random.SeededRandom;
import org.junit.jupiter.api.Test;

/** A bootstrap interval printed in a report must be recomputable, and must mean roughly what it says. */
class BootstrapTest {
    private static final double[] CELL = {0.95, 0.93, 0.96, 0.94, 0.92};
    private static final double[] BASELINE = {0.97, 0.975, 0.965, 0.98, 0.97};

    @Test
    void sameSeedSameIntervalOtherSeedOtherInterval() {
        assertThat(Bootstrap.mean(CELL, 42, 2000)).isEqualTo(Bootstrap.mean(CELL, 42, 2000));
        assertThat(Bootstrap.difference(CELL, BASELINE, 42, 2000)).isEqualTo(Bootstrap.difference(CELL, BASELINE, 42, 2000));
        assertThat(Bootstrap.mean(CELL, 43, 2000)).isNotEqualTo(Bootstrap.mean(CELL, 42, 2000));
    }

    @Test
    void theIntervalIsPinnedBitForBitAcrossMachines() {
        // SplitMix64 and strict IEEE arithmetic: these exact doubles on every JDK 17+ and CPU. A change
        // here changes every bootstrap interval already published from a run store.
        // Eight values with distinct means in almost every resample, and 999 resamples so the
        // percentiles interpolate: any change in the index stream or the percentile rule shows.
        double[] eight = {0.9213, 0.9187, 0.9251, 0.9302, 0.9166, 0.9239, 0.9275, 0.9198};
        BootstrapInterval mean = Bootstrap.mean(eight, 42, 999);
        assertThat(mean.low()).isEqualTo(0.9198118750000001);
        assertThat(mean.high()).isEqualTo(0.926000625);
        BootstrapInterval delta = Bootstrap.difference(eight, BASELINE, 42, 999);
        assertThat(delta.low()).isEqualTo(-0.054416874999999976);
        assertThat(delta.high()).isEqualTo(-0.04375562499999994);
        assertThat(delta.seed()).isEqualTo(42);
        assertThat(delta.resamples()).isEqualTo(999);
    }

    @Test
    void intervalsSitAroundTheObservedValues() {
        BootstrapInterval mean = Bootstrap.mean(CELL, 1, 2000);
        assertThat(mean.low()).isLessThan(0.94).isGreaterThanOrEqualTo(0.92);
        assertThat(mean.high()).isGreaterThan(0.94).isLessThanOrEqualTo(0.96);
        BootstrapInterval delta = Bootstrap.difference(CELL, BASELINE, 1, 2000);
        assertThat(delta.low()).isLessThan(-0.032);
        assertThat(delta.high()).isGreaterThan(-0.032).isNegative();
    }

    @Test
    void coversTheTrueMeanAboutAsOftenAsItClaimsAtTenSeeds() {
        // 400 synthetic cells of 10 normal runs: the percentile bootstrap covers about 91% of the time
        // at n = 10 (it has no t tails); anything far from that is a broken resampler or percentile.
        int covered = 0;
        int coveredDelta = 0;
        int cells = 400;
        for (int c = 0; c < cells; c++) {
            SeededRandom r = SeededRandom.of(c, "coverage");
            double[] x = new double[10];
            double[] y = new double[10];
            for (int i = 0; i < 10; i++) {
                x[i] = 0.9 + 0.01 * r.nextGaussian();
                y[i] = 0.8 + 0.03 * r.nextGaussian();
            }
            BootstrapInterval m = Bootstrap.mean(x, c, 1000);
            if (m.low() <= 0.9 && 0.9 <= m.high()) covered++;
            BootstrapInterval d = Bootstrap.difference(x, y, c, 1000);
            if (d.low() <= 0.1 && 0.1 <= d.high()) coveredDelta++;
        }
        assertThat(covered / (double) cells).isBetween(0.86, 0.96);
        assertThat(coveredDelta / (double) cells).isBetween(0.86, 0.96);
    }

    @Test
    void withThreeSeedsItIsNarrowerThanTheTInterval() {
        // What few seeds allow: resampling 3 values cannot reach beyond their range (0.90 to 0.94), while
        // the t interval (0.870 to 0.970) allows for the tails 3 values cannot show.
        double[] three = {0.90, 0.92, 0.94};
        BootstrapInterval b = Bootstrap.mean(three, 5, 4000);
        Summary s = Summary.of(three);
        assertThat(b.high() - b.low()).isLessThan((s.ciHigh() - s.ciLow()) / 2);
    }

    @Test
    void identicalValuesGiveThatValueAndOneValueGivesNothing() {
        BootstrapInterval same = Bootstrap.mean(new double[] {0.7015, 0.7015, 0.7015}, 3, 500);
        assertThat(same.low()).isEqualTo(0.7015);
        assertThat(same.high()).isEqualTo(0.7015);
        assertThat(Bootstrap.mean(new double[] {0.9}, 3, 500).low()).isNaN();
        assertThat(Bootstrap.difference(new double[] {0.9}, BASELINE, 3, 500).high()).isNaN();
        assertThatThrownBy(() -> Bootstrap.mean(CELL, 3, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
