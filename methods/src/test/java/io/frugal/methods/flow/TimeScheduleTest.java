package io.frugal.methods.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.frugal.core.config.ConfigException;
import io.frugal.core.config.ConfigProblem;
import io.frugal.core.store.Json;
import org.junit.jupiter.api.Test;

class TimeScheduleTest {
    @Test
    void dilatedScheduleMatchesThePapersTwoPhases() {
        int d = 400;
        TimeSchedule s = TimeSchedule.dilated(2, d);
        double knee = 2 / Math.sqrt(d);
        assertThat(s.start()).isZero();
        assertThat(s.end()).isEqualTo(2);
        for (double t : new double[] {0, 0.3, 0.99}) {
            assertThat(s.tau(t)).isCloseTo(2 * t / Math.sqrt(d), within(1e-15));
            assertThat(s.bDot(t)).isCloseTo(knee, within(1e-15));
        }
        for (double t : new double[] {1, 1.5, 2}) {
            assertThat(s.tau(t)).isCloseTo(knee + (1 - knee) * (t - 1), within(1e-15));
            assertThat(s.aDot(t)).isCloseTo(-(1 - knee), within(1e-15));
        }
        assertThat(s.a(0.5) + s.b(0.5)).isEqualTo(1);
        assertThat(s.timeOfFraction(knee)).isCloseTo(1, within(1e-12));
        assertThatThrownBy(() -> s.tau(2.5)).hasMessageContaining("outside");
    }

    @Test
    void schedulesParseFromConfigAndAPiecewiseListIsTheSameData() {
        TimeSchedule parsed = TimeSchedule.parse(Json.parse("{\"type\": \"dilated\", \"kappa\": 2}"), "/schedule", 100);
        assertThat(parsed).isEqualTo(TimeSchedule.dilated(2, 100));
        TimeSchedule knots = TimeSchedule.parse(Json.parse("{\"type\": \"piecewise\", \"knots\": [[0, 0], [1, 0.2], [2, 1]]}"), "/schedule", 100);
        assertThat(knots.tau(0.5)).isEqualTo(parsed.tau(0.5));
        assertThat(knots.tau(1.5)).isEqualTo(parsed.tau(1.5));
        assertThat(TimeSchedule.parse(knots.toJson().without("name"), "/s", 100)).isEqualTo(knots);
        assertThat(TimeSchedule.parse(Json.parse("{\"type\": \"uniform\"}"), "/s", 7)).isEqualTo(TimeSchedule.uniform());
    }

    @Test
    void badSchedulesNameTheKey() {
        assertThat(problems("{\"type\": \"dilated\", \"kappa\": 20}", 100)).extracting(ConfigProblem::pointer).containsExactly("/schedule/kappa");
        assertThat(problems("{\"type\": \"dilated\", \"kappa\": \"two\"}", 100)).extracting(ConfigProblem::pointer).containsExactly("/schedule/kappa");
        assertThat(problems("{\"type\": \"dilatd\"}", 100)).extracting(ConfigProblem::pointer).containsExactly("/schedule/type");
        assertThat(problems("{\"type\": \"uniform\", \"kapa\": 1}", 100)).extracting(ConfigProblem::pointer).containsExactly("/schedule/kapa");
        assertThat(problems("{\"type\": \"piecewise\", \"knots\": [[0, 0], [0, 1]]}", 100)).extracting(ConfigProblem::pointer).containsExactly("/schedule/knots/1/0");
        assertThat(problems("{\"type\": \"piecewise\", \"knots\": [[0, 0.1], [1, 0.9]]}", 100)).extracting(ConfigProblem::pointer)
                .containsExactly("/schedule/knots/0/1", "/schedule/knots/1/1");
        assertThat(problems("{\"type\": \"piecewise\", \"knots\": [[0, 0], [1]]}", 100)).extracting(ConfigProblem::pointer).containsExactly("/schedule/knots/1");
    }

    private static java.util.List<ConfigProblem> problems(String json, int d) {
        try {
            TimeSchedule.parse(Json.parse(json), "/schedule", d);
        } catch (ConfigException e) {
            return e.problems();
        }
        throw new AssertionError("accepted " + json);
    }

    @Test
    void gridPointsAreLeftEndsThatAvoidTheDataEnd() {
        TimeSchedule s = TimeSchedule.dilated(2, 100);
        TimeGrid g = TimeGrid.uniform(s, 80);
        assertThat(g.size()).isEqualTo(80);
        assertThat(g.time(0)).isZero();
        assertThat(g.time(79)).isCloseTo(2 - 2.0 / 80, within(1e-12));
        double sum = 0;
        for (int k = 0; k < 80; k++) sum += g.width(k);
        assertThat(sum).isCloseTo(2, within(1e-12));
        assertThat(s.a(g.time(79))).isGreaterThan(0);
    }

    @Test
    void phaseAwareGridPutsTheRequestedShareInTheWindowAtTheSameSize() {
        TimeSchedule s = TimeSchedule.uniform();
        TimeGrid uniform = TimeGrid.uniform(s, 80);
        TimeGrid aware = TimeGrid.phaseAware(s, 80, 0.2, 0.4, 0.5);
        assertThat(aware.size()).isEqualTo(uniform.size());
        assertThat(uniform.countIn(0.2, 0.4)).isEqualTo(16);
        assertThat(aware.countIn(0.2, 0.4)).isEqualTo(40);
        assertThat(aware.time(0)).isZero();
        assertThat(aware.countIn(0, 0.2) + aware.countIn(0.4, 1)).isEqualTo(40);
        assertThat(FlowSettings.plannedSamples(1000, 128, aware.size())).isEqualTo(FlowSettings.plannedSamples(1000, 128, uniform.size()));
    }
}
