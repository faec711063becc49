package io.frugal.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SummaryTest {
    // Reference values: scipy.stats 1.17 (numpy std ddof=1, t.ppf(0.975, df)).
    @Test
    void meanSampleSdStandardErrorAndStudentInterval() {
        Summary s = Summary.of(new double[] {0.90, 0.92, 0.94});
        assertThat(s.n()).isEqualTo(3);
        assertThat(s.mean()).isCloseTo(0.92, within(1e-15));
        assertThat(s.sd()).isCloseTo(0.02, within(1e-15));
        assertThat(s.se()).isCloseTo(0.011547005383792493, within(1e-15));
        assertThat(s.ciLow()).isCloseTo(0.8703172457649935, within(1e-12));
        assertThat(s.ciHigh()).isCloseTo(0.9696827542350064, within(1e-12));
    }

    @Test
    void criticalValueIsStudentNotNormal() {
        assertThat(Summary.tQuantile(2)).isCloseTo(4.302652729749462, within(1e-9));
        assertThat(Summary.tQuantile(1e6)).isCloseTo(1.959966, within(1e-5));
    }

    @Test
    void oneValueHasAMeanButNoSpread() {
        Summary s = Summary.of(new double[] {0.97});
        assertThat(s.mean()).isEqualTo(0.97);
        assertThat(s.sd()).isNaN();
        assertThat(s.se()).isNaN();
        assertThat(s.ciLow()).isNaN();
        assertThat(s.ciHigh()).isNaN();
    }

    @Test
    void noValuesHasNothing() {
        Summary s = Summary.of(new double[0]);
        assertThat(s.n()).isZero();
        assertThat(s.mean()).isNaN();
    }

    @Test
    void tinySpreadAroundALargeMeanDoesNotCancel() {
        // sd of {1, 2, 3} * 1e-9 around 0.99 is 1e-9; a one-pass sum-of-squares formula loses it.
        Summary s = Summary.of(new double[] {0.99 + 1e-9, 0.99 + 2e-9, 0.99 + 3e-9});
        assertThat(s.sd()).isCloseTo(1e-9, within(1e-15));
    }
}
