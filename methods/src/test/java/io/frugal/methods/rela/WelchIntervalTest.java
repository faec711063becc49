package io.frugal.methods.rela;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class WelchIntervalTest {
    @Test
    void tQuantilesMatchTables() {
        // scipy.stats.t.ppf(0.975, df)
        assertThat(WelchInterval.quantile(0.975, 2)).isCloseTo(4.302652729911275, within(1e-6));
        assertThat(WelchInterval.quantile(0.975, 4)).isCloseTo(2.7764451051977987, within(1e-6));
        assertThat(WelchInterval.quantile(0.975, 3.5)).isCloseTo(2.9400886379827282, within(1e-6));
        assertThat(WelchInterval.quantile(0.975, 1000)).isCloseTo(1.9623390808264074, within(1e-6));
    }

    @Test
    void welchIntervalOfTwoSamples() {
        double[] a = {0.70, 0.72, 0.74};
        double[] b = {0.60, 0.61, 0.65, 0.62};
        WelchInterval.Interval i = WelchInterval.of(a, b, 0.95);
        // scipy: df 4.655172413793104, half-width t.ppf(0.975, df) * se = 0.04156693036326877
        assertThat(i.difference()).isCloseTo(0.72 - 0.62, within(1e-12));
        assertThat(i.df()).isCloseTo(4.655172413793104, within(1e-9));
        assertThat(i.high() - i.difference()).isCloseTo(0.04156693036326877, within(1e-7));
        assertThat(i.low()).isLessThan(i.difference());
        assertThat(i.high() - i.difference()).isCloseTo(i.difference() - i.low(), within(1e-12));
        assertThat(WelchInterval.of(new double[] {1}, b, 0.95)).isNull();
    }
}
