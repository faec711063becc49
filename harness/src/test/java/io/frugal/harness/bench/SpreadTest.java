package io.frugal.harness.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpreadTest {
    @Test
    void medianOfAnOddCountIsTheMiddleValueWhateverTheOrder() {
        Spread s = Spread.of(List.of(3.0, 1.0, 2.0));
        assertThat(s.median()).isEqualTo(2.0);
        assertThat(s.min()).isEqualTo(1.0);
        assertThat(s.max()).isEqualTo(3.0);
        assertThat(s.n()).isEqualTo(3);
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
        assertThat(Spread.of(List.of(4.0, 1.0, 3.0, 10.0)).median()).isEqualTo(3.5);
    }

    @Test
    void formatsMedianWithRangeOrASingleValue() {
        assertThat(Spread.of(List.of(0.5, 0.75, 1.25)).format(2)).isEqualTo("0.75 [0.50–1.25]");
        assertThat(Spread.of(List.of(17.04)).format(1)).isEqualTo("17.0");
    }

    @Test
    void refusesNoValues() {
        assertThatThrownBy(() -> Spread.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
