package io.frugal.methods.flowimages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.frugal.core.config.ConfigProblem;
import io.frugal.core.kind.CommonConfig;
import io.frugal.core.random.SeededRandom;
import io.frugal.core.store.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class UturnAndTimesTest {
    @Test
    void switchIntervalOnThePapersMnistTable() {
        double[] t0 = {0.65, 0.60, 0.55, 0.50, 0.45, 0.40, 0.35, 0.30, 0.25, 0.20};
        double[] fromOne = {0.003, 0.007, 0.024, 0.087, 0.207, 0.384, 0.643, 0.768, 0.832, 0.857};
        SwitchInterval s = SwitchInterval.of(t0, fromOne, 0.882);
        assertThat(s).isEqualTo(new SwitchInterval(0.20, 0.50));
        // a curve that never rises has no switch
        assertThat(SwitchInterval.of(t0, new double[10], 0.882)).isNull();
    }

    @Test
    void sectionsGiveEveryBatchTheirExactShares() {
        TimeSampling ts = new TimeSampling("sections", List.of(new TimeSampling.Section(0, 0.4, 0.25),
                new TimeSampling.Section(0.4, 0.8, 0.5), new TimeSampling.Section(0.8, 1, 0.25)));
        for (int step = 0; step < 20; step++) {
            double[] s = ts.draw(32, SeededRandom.of(1, "t", step));
            long inWindow = java.util.Arrays.stream(s).filter(v -> v >= 0.4 && v < 0.8).count();
            long low = java.util.Arrays.stream(s).filter(v -> v < 0.4).count();
            assertThat(inWindow).isEqualTo(16);
            assertThat(low).isEqualTo(8);
        }
        assertThat(ts.shareIn(0.4, 0.8)).isEqualTo(0.5);
        assertThat(TimeSampling.uniform().shareIn(0.4, 0.8)).isCloseTo(0.4, within(1e-12));
    }

    @Test
    void vpScheduleEndsAtDataAndNoise() {
        assertThat(VpSchedule.PAPER.tau(0)).isEqualTo(1.0);
        assertThat(VpSchedule.PAPER.tau(1)).isCloseTo(Math.exp(-(0.1 + 19.9 / 2) / 2), within(1e-15)).isLessThan(0.01);
    }

    @Test
    void badConfigsAreLocated() {
        List<ConfigProblem> p = CommonConfig.check(Json.parse("""
                {"experiment": "x", "dataset": "fashion-mnist", "seed": 1, "trainer": "flow-images", "classes": [3, 3],
                 "proportions": [0.8, 0.3], "epochs": 2, "image_size": 28, "denoiser": {"channels": [8, 16, 32, 64]},
                 "time_sampling": {"type": "sections", "sections": [{"from": 0, "to": 0.5, "share": 0.5}, {"from": 0.6, "to": 1, "share": 0.5}]}}"""));
        assertThat(p.stream().map(ConfigProblem::toString).toList()).anySatisfy(s -> assertThat(s).contains("/classes").contains("two different classes"))
                .anySatisfy(s -> assertThat(s).contains("/proportions").contains("sum to 1"))
                .anySatisfy(s -> assertThat(s).contains("/denoiser/channels").contains("divisible by 8"))
                .anySatisfy(s -> assertThat(s).contains("/time_sampling/sections/1/from").contains("without gaps"));
    }
}
