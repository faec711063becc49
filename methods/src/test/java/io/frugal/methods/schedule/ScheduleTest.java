package io.frugal.methods.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.frugal.core.config.ConfigException;
import io.frugal.core.store.Json;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The schedules of arXiv 2208.02007 and the rules every other module relies on. */
class ScheduleTest {

    @ParameterizedTest(name = "Data Step p={0} s={1}: ratio {2}")
    @CsvSource({"0.25,0.25,0.8125", "0.25,0.5,0.625", "0.25,0.75,0.4375", "0.5,0.25,0.875", "0.5,0.5,0.75",
            "0.5,0.75,0.625", "0.75,0.25,0.9375", "0.75,0.5,0.875", "0.75,0.75,0.8125"})
    void dataStepMatchesThePapersTable(double p, double s, double ratio) {
        Schedule step = Schedule.step(p, s);
        assertThat(step.evaluations(300, 60_000)).isEqualTo(Math.round(ratio * 300 * 60_000));
        assertThat(step.fraction(0, 300)).isEqualTo(p);
        int boundary = (int) Math.round(s * 300);
        assertThat(step.fraction(boundary - 1, 300)).isEqualTo(p);
        assertThat(step.fraction(boundary, 300)).isEqualTo(1.0);
        assertThat(step.fraction(299, 300)).as("every example is available again at the end").isEqualTo(1.0);
    }

    @ParameterizedTest(name = "k={0}")
    @ValueSource(ints = {2, 3, 4, 5, 6, 10})
    void incrementAndCutSpendKPlusOneOverTwoKWhenEpochsDivide(int k) {
        int epochs = 60 * k;
        int n = 2520 * 10; // divisible by every k here
        long expected = (long) epochs * n * (k + 1) / (2L * k);
        assertThat(Schedule.increment(k).evaluations(epochs, n)).isEqualTo(expected);
        assertThat(Schedule.cut(k).evaluations(epochs, n)).isEqualTo(expected);
        assertThat(Schedule.increment(k).fraction(0, epochs)).isEqualTo(1.0 / k);
        assertThat(Schedule.increment(k).fraction(epochs - 1, epochs)).isEqualTo(1.0);
        assertThat(Schedule.cut(k).fraction(0, epochs)).isEqualTo(1.0);
        assertThat(Schedule.cut(k).fraction(epochs - 1, epochs)).isEqualTo(1.0 / k);
    }

    @Test
    void roundingIsHalfUpOnExactDecimals() {
        assertThat(Schedule.round(0.25, 60_000)).isEqualTo(15_000);
        assertThat(Schedule.round(0.5, 3)).isEqualTo(2); // 1.5 rounds up
        assertThat(Schedule.round(0.1, 5)).isEqualTo(1); // 0.5 exactly, not 0.49999
        assertThat(Schedule.full().imagesInEpoch(0, 1, 7)).isEqualTo(7);
        assertThat(Schedule.step(0.0001, 0.5).imagesInEpoch(0, 2, 10)).as("at least one image").isEqualTo(1);
    }

    @Test
    void aSectionThatGetsNoEpochIsReportedWithTheEpochsNeeded() {
        assertThat(Schedule.increment(10).checkFor(4)).singleElement().asString()
                .contains("gets no epoch when the run has 4 epochs").contains("at least 10 epochs");
        assertThat(Schedule.increment(10).checkFor(10)).isEmpty();
    }

    @Test
    void randomSelectionIsAFreshSeededSubsetEachEpoch() {
        Schedule s = Schedule.step(0.25, 0.5);
        int[] e0 = s.select(7, 0, 4, 1000);
        int[] e1 = s.select(7, 1, 4, 1000);
        assertThat(e0).hasSize(250).doesNotHaveDuplicates();
        assertThat(e0).isNotEqualTo(e1);
        assertThat(s.select(7, 0, 4, 1000)).as("same seed, same epoch").isEqualTo(e0);
        assertThat(s.select(8, 0, 4, 1000)).as("another seed").isNotEqualTo(e0);
        assertThat(s.select(7, 3, 4, 1000)).hasSize(1000).doesNotHaveDuplicates();
        assertThat(IntStream.of(e0).allMatch(i -> i >= 0 && i < 1000)).isTrue();
    }

    @Test
    void fixedSelectionGivesNestedSubsets() {
        Schedule inc = Schedule.increment(4).withSelection(Selection.FIXED);
        Set<Integer> previous = new HashSet<>();
        for (int epoch = 0; epoch < 8; epoch++) {
            Set<Integer> now = new HashSet<>();
            for (int i : inc.select(3, epoch, 8, 400)) now.add(i);
            assertThat(now).containsAll(previous);
            previous = now;
        }
        assertThat(previous).hasSize(400);
    }

    @Test
    void rotationSelectionUsesDisjointPartsUntilTheDataIsUsedUp() {
        Schedule quarter = Schedule.step(0.25, 1.0).withSelection(Selection.ROTATION);
        Set<Integer> seen = new HashSet<>();
        for (int epoch = 0; epoch < 4; epoch++) {
            int[] part = quarter.select(5, epoch, 8, 400);
            for (int i : part) assertThat(seen.add(i)).as("index %d seen twice in epochs 0..3", i).isTrue();
        }
        assertThat(seen).hasSize(400);
        int[] again = quarter.select(5, 4, 8, 400);
        int[] first = quarter.select(5, 0, 8, 400);
        Arrays.sort(again);
        Arrays.sort(first);
        assertThat(again).as("the rotation wraps around to the first part").isEqualTo(first);
    }

    @Test
    void piecewiseSchedulesAreReadStrictly() {
        Schedule s = Schedule.parse(Json.parse("{\"type\":\"piecewise\",\"selection\":\"fixed\",\"sections\":[{\"until\":0.5,\"fraction\":0.5},{\"until\":1,\"fraction\":1}]}"));
        assertThat(s.selection()).isEqualTo(Selection.FIXED);
        assertThat(s.evaluations(4, 100)).isEqualTo(300);
        assertThatThrownBy(() -> Schedule.parse(Json.parse("{\"type\":\"piecewise\",\"sections\":[{\"until\":0.5,\"fraction\":0.5}]}")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("/sections: sections do not cover the run");
        assertThatThrownBy(() -> Schedule.parse(Json.parse("{\"type\":\"step\",\"start_fraction\":1.5,\"full_from\":0.5}")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("/start_fraction: must be in (0, 1], got 1.5");
        assertThatThrownBy(() -> Schedule.parse(Json.parse("{\"type\":\"piecewise\",\"sections\":[{\"until\":0.6,\"fraction\":0.5},{\"until\":0.4,\"fraction\":1},{\"until\":1,\"fraction\":1}]}")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("/sections/1/until: sections must end in increasing order");
        assertThatThrownBy(() -> Schedule.parse(Json.parse("{\"type\":\"cut\",\"parts\":4,\"speed\":2}")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("/speed: unknown key 'speed'");
    }
}
