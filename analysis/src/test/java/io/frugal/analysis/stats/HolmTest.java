package io.frugal.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class HolmTest {
    @Test
    void stepDownWithRunningMaximum() {
        // Sorted 0.005, 0.01, 0.03, 0.04 times 4, 3, 2, 1 = 0.02, 0.03, 0.06, 0.04 -> running max 0.06.
        double[] adj = Holm.adjust(new double[] {0.01, 0.04, 0.03, 0.005});
        assertThat(adj).containsExactly(new double[] {0.03, 0.06, 0.06, 0.02}, within(1e-15));
    }

    @Test
    void capsAtOne() {
        assertThat(Holm.adjust(new double[] {0.7, 0.9})).containsExactly(1.0, 1.0);
        assertThat(Holm.adjust(new double[] {0.4, 0.6})).containsExactly(new double[] {0.8, 0.8}, within(1e-15));
    }

    @Test
    void untestedRowsStayUntestedAndDoNotEnlargeTheFamily() {
        double[] adj = Holm.adjust(new double[] {Double.NaN, 0.02, Double.NaN, 0.5});
        assertThat(adj[0]).isNaN();
        assertThat(adj[2]).isNaN();
        assertThat(adj[1]).isCloseTo(0.04, within(1e-15));
        assertThat(adj[3]).isCloseTo(0.5, within(1e-15));
    }

    @Test
    void singleTestIsUnchanged() {
        assertThat(Holm.adjust(new double[] {0.03})).containsExactly(0.03);
        assertThat(Holm.adjust(new double[0])).isEmpty();
    }
}
