package io.frugal.reproducibility;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.frugal.analysis.store.RunStoreReader;
import io.frugal.core.store.Json;
import io.frugal.reproducibility.crate.RoCrateWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Process Run Crate profile's required fields (RO-Crate 1.1 root, conformsTo, CreateAction with instrument). */
class RoCrateTest {
    @TempDir
    Path tmp;

    @Test
    void crateCarriesTheProfilesRequiredFields() throws Exception {
        Store s = new Store(tmp.resolve("out"));
        String id = s.done("baseline", 1, 0.8, 480, 10);
        s.write();
        Path meta = RoCrateWriter.write(RunStoreReader.read(s.root), tmp.resolve("crate"), "0.1.0");
        JsonNode crate = Json.read(meta);
        assertThat(crate.path("@context").asText()).isEqualTo("https://w3id.org/ro/crate/1.1/context");
        Map<String, JsonNode> byId = new HashMap<>();
        crate.path("@graph").forEach(n -> byId.put(n.path("@id").asText(), n));
        assertThat(byId.get("ro-crate-metadata.json").path("conformsTo").path("@id").asText()).isEqualTo(RoCrateWriter.RO_CRATE);
        JsonNode root = byId.get("./");
        assertThat(root.path("@type").asText()).isEqualTo("Dataset");
        assertThat(root.path("conformsTo").path("@id").asText()).isEqualTo("https://w3id.org/ro/wfrun/process/0.5");
        for (String f : new String[] {"name", "description", "datePublished", "license"}) assertThat(root.has(f)).as(f).isTrue();
        JsonNode action = byId.get("#run-" + id);
        assertThat(action.path("@type").asText()).isEqualTo("CreateAction");
        assertThat(root.path("mentions").toString()).contains("#run-" + id);
        JsonNode tool = byId.get(action.path("instrument").path("@id").asText());
        assertThat(tool.path("@type").asText()).isEqualTo("SoftwareApplication");
        assertThat(tool.path("name").asText()).isEqualTo("frugal");
        assertThat(tool.path("version").asText()).isEqualTo("0.1.0");
        assertThat(action.path("object").toString()).contains("runs/" + id + "/config.json");
        assertThat(action.path("result").toString()).contains("runs/" + id + "/result.json", "metrics.jsonl");
        assertThat(action.path("endTime").asText()).isEqualTo("2026-12-01T20:00:00Z");
        assertThat(action.path("actionStatus").asText()).isEqualTo("http://schema.org/CompletedActionStatus");
        // every data entity the actions name is in the graph and, for copied files, in the crate with its sha256
        JsonNode config = byId.get("runs/" + id + "/config.json");
        assertThat(config.path("sha256").asText()).isEqualTo(DigestCache.sha256(tmp.resolve("crate/runs/" + id + "/config.json")));
        assertThat(Files.isRegularFile(tmp.resolve("crate/plan.json"))).isTrue();
    }
}
