package io.frugal.harness.plan;

import io.frugal.core.store.Plan;
import io.frugal.core.store.PlannedRun;
import io.frugal.core.store.RunIds;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frugal.core.store.Json;
import org.junit.jupiter.api.Test;

class RunIdsTest {
    private static final String CONFIG = """
            {"experiment": "e1", "dataset": "mnist", "seed": 1, "epochs": 300, "batch_size": 120,
             "optimizer": {"name": "adam", "lr": 0.001},
             "schedule": {"type": "piecewise", "sections": [{"until": 0.25, "fraction": 0.25}, {"until": 1, "fraction": 1}]}}
            """;

    @Test
    void goldenIdCatchesAnyChangeOfTheCanonicalForm() {
        // sha256 of {"batch_size":120,"dataset":"mnist","epochs":300,"experiment":"e1","optimizer":{"lr":0.001,"name":"adam"},
        //   "schedule":{"sections":[{"fraction":0.25,"until":0.25},{"fraction":1,"until":1}],"type":"piecewise"},"seed":1}
        // computed outside Java (Python hashlib), first 12 hex digits
        assertThat(RunIds.of(Json.parse(CONFIG))).isEqualTo("2471c92a4862");
    }

    @Test
    void keyOrderNumberSpellingAndResourcesDoNotChangeTheId() {
        String id = RunIds.of(Json.parse(CONFIG));
        JsonNode reordered = Json.parse("""
                {"schedule": {"sections": [{"fraction": 0.25, "until": 0.25}, {"fraction": 1.0, "until": 1e0}], "type": "piecewise"},
                 "seed": 1, "optimizer": {"lr": 1e-3, "name": "adam"}, "batch_size": 120, "epochs": 300.0,
                 "dataset": "mnist", "experiment": "e1",
                 "resources": {"gpus": 1, "cpus": 8, "mem": "32G", "time": "24:00:00"}}
                """);
        assertThat(RunIds.of(reordered)).isEqualTo(id);
    }

    @Test
    void everyRealParameterChangesTheId() {
        String id = RunIds.of(Json.parse(CONFIG));
        String[][] changes = {{"/seed", "2"}, {"/epochs", "299"}, {"/batch_size", "60"}, {"/dataset", "\"cifar10\""},
                {"/experiment", "\"e2\""}, {"/optimizer/lr", "0.0011"}, {"/schedule/sections/0/fraction", "0.5"}};
        for (String[] change : changes) {
            ObjectNode c = (ObjectNode) Json.parse(CONFIG);
            String parent = change[0].substring(0, change[0].lastIndexOf('/'));
            String key = change[0].substring(change[0].lastIndexOf('/') + 1);
            JsonNode value = Json.parse(change[1]);
            JsonNode holder = parent.isEmpty() ? c : c.at(parent);
            ((ObjectNode) holder).set(key, value);
            assertThat(RunIds.of(c)).as(change[0]).isNotEqualTo(id).hasSize(12);
        }
        ObjectNode added = (ObjectNode) Json.parse(CONFIG);
        added.put("train_limit", 1000);
        assertThat(RunIds.of(added)).isNotEqualTo(id);
    }
}
