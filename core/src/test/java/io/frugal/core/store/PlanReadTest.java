package io.frugal.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frugal.core.BadInputException;
import io.frugal.core.kind.PlannedCost;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * plan.json is read as a stream, one run at a time: what it gives must be what the whole tree gave
 * ({@link Plan#fromJson}), whatever the order of the file's fields, and a damaged file must be
 * refused with every problem at its JSON pointer, in the order they were always listed.
 */
class PlanReadTest {
    @TempDir
    Path out;

    private static Plan plan(int runs) {
        List<PlannedRun> list = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            ObjectNode config = Json.object().put("experiment", i % 2 == 0 ? "a" : "b").put("dataset", "d").put("seed", i)
                    .put("trainer", "classifier");
            config.putObject("model").put("name", "hvc").put("width", 0.25);
            ObjectNode details = Json.object().put("epochs", 3);
            list.add(new PlannedRun("run" + i, i % 2 == 0 ? "a" : "b", "d", i, Json.object(), new PlannedCost(details, 30 + i, 30),
                    i == 3 ? Map.of("prior", "run0") : Map.of(), config));
        }
        return new Plan("p", null, "m.yaml", "abc", null, List.of("epochs=3"), "a",
                List.of(new Plan.ExperimentEntry("a", "the reference"), new Plan.ExperimentEntry("b", null)),
                List.of("d"), List.of(0L, 1L), list);
    }

    @Test
    void aWrittenPlanReadsBackAsItsTreeDoes() {
        Plan plan = plan(700);
        plan.write(new RunStore(out));
        Plan read = Plan.read(out);
        assertThat(read).isEqualTo(Plan.fromJson(plan.toJson()));
        assertThat(read.runs()).hasSize(700);
        assertThat(read.run("run3").inputs()).containsEntry("prior", "run0");
        assertThat(Json.canonical(read.toJson())).isEqualTo(Json.canonical(plan.toJson()));
    }

    @Test
    void theRunsMayComeBeforeTheHeader() throws Exception {
        ObjectNode json = plan(3).toJson();
        ObjectNode reordered = Json.object();
        reordered.set("runs", json.get("runs"));
        json.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("runs")) reordered.set(e.getKey(), e.getValue());
        });
        Files.writeString(out.resolve("plan.json"), Json.pretty(reordered));
        assertThat(Plan.read(out)).isEqualTo(Plan.fromJson(json));
    }

    @Test
    void problemsAreListedAtTheirPointersInTheOrderOfTheTree() throws Exception {
        ObjectNode json = plan(3).toJson();
        json.put("format", 7);
        ((ObjectNode) json.get("runs").get(1)).remove("id");
        ((ObjectNode) json.get("runs").get(2)).put("id", "run0");
        Files.writeString(out.resolve("plan.json"), Json.pretty(json));
        String fromTree = messageOf(() -> Plan.fromJson(json));
        String read = messageOf(() -> Plan.read(out));
        String file = out.resolve("plan.json").toString();
        assertThat(read).isEqualTo(fromTree.lines().map(l -> file + ": " + l).reduce((a, b) -> a + "\n" + b).orElseThrow());
        assertThat(read.lines()).hasSize(3);
        assertThat(read.lines().toList().get(0)).contains("/format");
        assertThat(read).contains(file + ": /runs/1/id: is required", "/runs/2/id", "appears twice");
    }

    @Test
    void problemsFarIntoALongPlanKeepTheirPlaceAndOrder() throws Exception {
        ObjectNode json = plan(1500).toJson();
        ((ObjectNode) json.get("runs").get(1000)).put("id", "run3");
        ((ObjectNode) json.get("runs").get(1300)).remove("experiment");
        ((ObjectNode) json.get("runs").get(600)).put("seed", "x");
        Files.writeString(out.resolve("plan.json"), Json.pretty(json));
        String file = out.resolve("plan.json").toString();
        String read = messageOf(() -> Plan.read(out));
        assertThat(read).isEqualTo(messageOf(() -> Plan.fromJson(json)).lines().map(l -> file + ": " + l)
                .reduce((a, b) -> a + "\n" + b).orElseThrow());
        assertThat(read.lines().toList()).hasSize(3).satisfiesExactly(
                l -> assertThat(l).contains("/runs/600/seed"),
                l -> assertThat(l).contains("/runs/1000/id", "appears twice"),
                l -> assertThat(l).contains("/runs/1300/experiment"));
    }

    @Test
    void aDamagedFileIsBadInputNamingIt() throws Exception {
        Path file = out.resolve("plan.json");
        byte[] whole = Json.pretty(plan(5).toJson()).getBytes(StandardCharsets.UTF_8);
        Files.write(file, java.util.Arrays.copyOf(whole, whole.length / 2));
        assertThatThrownBy(() -> Plan.read(out)).isInstanceOf(BadInputException.class).hasMessageContaining(file + ": not valid JSON");

        Files.writeString(file, Json.pretty(plan(2).toJson()) + "{\"format\": 1}");
        assertThatThrownBy(() -> Plan.read(out)).isInstanceOf(BadInputException.class).hasMessageContaining(file + ": not valid JSON");

        Files.writeString(file, "[1, 2]");
        assertThatThrownBy(() -> Plan.read(out)).isInstanceOf(BadInputException.class).hasMessage(file + ": must be a JSON object");

        Files.writeString(file, "");
        assertThatThrownBy(() -> Plan.read(out)).isInstanceOf(BadInputException.class).hasMessage(file + ": must be a JSON object");

        Files.writeString(file, "{\"format\": 1, \"runs\": {\"id\": \"x\"}}");
        assertThatThrownBy(() -> Plan.read(out)).isInstanceOf(BadInputException.class).hasMessage(file + ": /runs: must be a list");

        Files.writeString(file, "{\"format\": 1, \"runs\": [3, null]}");
        assertThatThrownBy(() -> Plan.read(out)).isInstanceOf(BadInputException.class)
                .hasMessage(file + ": /runs/0: must be an object\n" + file + ": /runs/1: must be an object");
    }

    private static String messageOf(Runnable r) {
        try {
            r.run();
        } catch (BadInputException e) {
            return e.getMessage();
        }
        throw new AssertionError("not refused");
    }
}
