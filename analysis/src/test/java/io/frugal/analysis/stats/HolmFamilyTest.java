package io.frugal.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** A Holm family is the rows the caller names, whatever their p-values turned out to be. */
class HolmFamilyTest {
    @Test
    void aMemberWithoutAPValueStillCountsInTheFamily() {
        // Three compared rows, the middle one with no Welch p (no spread on either side): m = 3, not 2.
        double[] adj = Holm.adjust(new double[] {0.01, Double.NaN, 0.04}, new boolean[] {true, true, true});
        assertThat(adj[0]).isCloseTo(0.03, within(1e-15));
        assertThat(adj[1]).isNaN();
        assertThat(adj[2]).isCloseTo(0.08, within(1e-15));
    }

    @Test
    void rowsOutsideTheFamilyAreIgnoredEvenWithAPValue() {
        // Baseline rows and rows with one run are not hypotheses of the table.
        double[] adj = Holm.adjust(new double[] {Double.NaN, 0.02, 0.001, 0.5}, new boolean[] {false, true, false, true});
        assertThat(adj[0]).isNaN();
        assertThat(adj[2]).isNaN();
        assertThat(adj[1]).isCloseTo(0.04, within(1e-15));
        assertThat(adj[3]).isCloseTo(0.5, within(1e-15));
        assertThat(Holm.familySize(new boolean[] {false, true, false, true})).isEqualTo(2);
    }

    @Test
    void withoutFlagsTheFamilyIsTheNonNaNEntries() {
        double[] p = {0.01, Double.NaN, 0.04};
        assertThat(Holm.adjust(p)).containsExactly(Holm.adjust(p, new boolean[] {true, false, true}));
    }

    @Test
    void flagsMustMatchTheRows() {
        assertThatThrownBy(() -> Holm.adjust(new double[] {0.1}, new boolean[] {true, true}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
