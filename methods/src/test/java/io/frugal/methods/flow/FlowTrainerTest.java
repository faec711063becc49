package io.frugal.methods.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frugal.core.BadInputException;
import io.frugal.core.config.ConfigException;
import io.frugal.core.config.ConfigProblem;
import io.frugal.core.store.Json;
import io.frugal.core.kind.StopSignal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlowTrainerTest {
    @TempDir
    Path temp;

    static FlowSettings settings(long seed, int steps) {
        return FlowSettings.parse(Json.parse("""
                {"dimension": 8, "points": 6, "grid_size": 5, "schedule": {"type": "dilated", "kappa": 1.5}, "steps": %d,
                 "seed": %d, "samples": 300, "checkpoint_every": 7, "eval_every": 3, "uturn_samples": 50}""".formatted(steps, seed)), "");
    }

    @Test
    void resumingAfterAStopGivesBitIdenticalNumbersAndSameSeedRepeats() {
        FlowSettings s = settings(3, 20);
        List<ObjectNode> straight = new ArrayList<>();
        ObjectNode a = new FlowTrainer().train(s, temp.resolve("a"), new StopSignal(), straight::add);

        List<ObjectNode> pieces = new ArrayList<>();
        StopSignal stop = new StopSignal();
        ObjectNode first = new FlowTrainer().train(s, temp.resolve("b"), stop, m -> {
            pieces.add(m);
            if (m.path("step").asLong() == 9) stop.request("test");
        });
        assertThat(first.path("status").asText()).isEqualTo("interrupted");
        assertThat(first.path("steps").asLong()).isEqualTo(9);
        assertThat(FlowCheckpoint.read(temp.resolve("b").resolve(FlowTrainer.CHECKPOINT)).step()).isEqualTo(9);
        ObjectNode b = new FlowTrainer().train(s, temp.resolve("b"), new StopSignal(), pieces::add);
        assertThat(b.path("status").asText()).isEqualTo("done");
        assertThat(b.path("resumed").asBoolean()).isTrue();

        assertThat(losses(pieces)).isEqualTo(losses(straight)).hasSize(7); // steps 3, 6, ..., 18, 20
        assertThat(b.path("loss").asDouble()).isEqualTo(a.path("loss").asDouble());
        assertThat(b.path("parameters")).isEqualTo(a.path("parameters"));
        assertThat(b.path("samples")).isEqualTo(a.path("samples"));
        assertThat(b.path("uturn")).isEqualTo(a.path("uturn"));
        FlowCheckpoint ca = FlowCheckpoint.read(temp.resolve("a").resolve(FlowTrainer.CHECKPOINT));
        FlowCheckpoint cb = FlowCheckpoint.read(temp.resolve("b").resolve(FlowTrainer.CHECKPOINT));
        for (String name : ca.tensors().keySet()) assertThat(cb.tensors().get(name)).as(name).isEqualTo(ca.tensors().get(name));

        ObjectNode again = new FlowTrainer().train(s, temp.resolve("c"), new StopSignal(), FlowListener.NONE);
        assertThat(again.path("parameters")).isEqualTo(a.path("parameters"));
        ObjectNode other = new FlowTrainer().train(settings(4, 20), temp.resolve("d"), new StopSignal(), FlowListener.NONE);
        assertThat(other.path("parameters")).isNotEqualTo(a.path("parameters"));
    }

    private static List<Double> losses(List<ObjectNode> metrics) {
        return metrics.stream().map(m -> m.path("loss").asDouble()).toList();
    }

    @Test
    void resultCarriesObservablesParameterAndTheoryArraysAndTheUTurn() {
        FlowSettings s = settings(5, 4);
        ObjectNode r = new FlowTrainer().train(s, temp, new StopSignal(), FlowListener.NONE);
        assertThat(r.path("planned_samples").asLong()).isEqualTo(4L * 6 * 5);
        JsonNode samples = r.path("samples");
        assertThat(samples.path("count").asInt()).isEqualTo(300);
        double p = samples.path("p_hat").asDouble();
        assertThat(samples.path("p_hat_ci95").get(0).asDouble()).isLessThan(p);
        assertThat(samples.path("p_hat_ci95").get(1).asDouble()).isGreaterThan(p - 1e-12).isLessThanOrEqualTo(1);
        for (String key : List.of("t", "c", "m", "omega", "b")) assertThat(r.path("parameters").path(key).size()).as(key).isEqualTo(5);
        for (JsonNode m : r.path("parameters").path("m")) assertThat(m.asDouble()).isGreaterThanOrEqualTo(0);
        assertThat(r.path("theory").path("infinite_n").path("omega").get(1).asDouble()).isEqualTo(1.5 * 0.4);
        assertThat(r.path("theory").path("finite_n").path("m").size()).isEqualTo(5);
        assertThat(r.path("uturn").path("from_minus").path("other_mode_fraction").size()).isEqualTo(5);
        // a changed training setting must not resume from this checkpoint
        FlowSettings changed = FlowSettings.parse(s.toJson().put("lr", 0.02), "");
        assertThatThrownBy(() -> new FlowTrainer().train(changed, temp, new StopSignal(), FlowListener.NONE))
                .isInstanceOf(BadInputException.class).hasMessageContaining("other settings");
    }

    @Test
    void settingsProblemsNameTheirKeys() {
        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class, () -> FlowSettings.parse(Json.parse("""
                {"dimension": 0, "steps": -1, "p": 1.2, "lr": "fast", "schedule": {"type": "dilated", "kappa": 2},
                 "grid_window": {"from": 0.5, "to": 0.2, "share": 0.5}}"""), "/run"));
        assertThat(e.problems()).extracting(ConfigProblem::pointer)
                .containsExactlyInAnyOrder("/run/dimension", "/run/steps", "/run/p", "/run/lr", "/run/seed", "/run/grid_window/to");
        ConfigException k = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class, () -> FlowSettings.parse(Json.parse("""
                {"dimension": 4, "steps": 1, "seed": 1, "schedule": {"type": "dilated", "kappa": 3}}"""), ""));
        assertThat(k.problems()).extracting(ConfigProblem::pointer).containsExactly("/schedule/kappa");
    }
}
