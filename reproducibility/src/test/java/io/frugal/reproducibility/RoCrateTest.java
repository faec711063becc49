package io.frugal.reproducibility;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.frugal.analysis.store.RunStoreReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frugal.core.store.FailureFile;
import io.frugal.core.store.Json;
import io.frugal.core.store.RunDirectory;
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

    /**
     * The profile's requirements (Process Run Crate 0.5, over RO-Crate 1.1) for every action of a
     * store with a done run trained in two attempts from a dirty tree, a failed run and a run never
     * started: the metadata descriptor; the root Data Entity's conformsTo naming the profile's
     * CreativeWork; per started run one CreateAction (mentioned by the root) whose instrument is a
     * SoftwareApplication with name and version, whose object and result name entities of the
     * graph, with ISO 8601 start and end times in order, and actionStatus, with error only where it
     * failed.
     */
    @Test
    void everyActionMeetsTheProfileAndNamesTheCodeThatRanIt() throws Exception {
        Store s = new Store(tmp.resolve("out"));
        String done = s.done("baseline", 1, 0.8, 480, 10);
        String failed = s.done("baseline", 2, 0.8, 480, 10);
        String never = s.done("baseline", 3, 0.8, 480, 10);
        s.write();
        Path data = Files.writeString(tmp.resolve("train-images"), "pixels");
        ObjectNode prov = Json.object();
        prov.put("started_at", "2026-12-01T19:30:00Z").put("ended_at", "2026-12-01T20:00:00Z");
        prov.putObject("code").put("version", "abc123def456-dirty").put("dirty", true);
        prov.putArray("previous_attempts").addObject().put("started_at", "2026-12-01T19:00:00Z");
        Provenance.withDataFiles(prov, null, Map.of(data.toString(), DigestCache.sha256(data)), new DigestCache(tmp.resolve("cache.json")));
        Json.writeAtomically(s.dir(done).resolve("provenance.json"), prov);
        RunDirectory f = new RunDirectory(s.dir(failed));
        Files.delete(f.result());
        FailureFile.record(f, 1, "java.lang.IllegalStateException: training diverged", null);
        deleteTree(s.dir(never));

        JsonNode crate = Json.read(RoCrateWriter.write(RunStoreReader.read(s.root), tmp.resolve("crate"), "0.1.0"));
        Map<String, JsonNode> byId = new HashMap<>();
        crate.path("@graph").forEach(n -> assertThat(byId.put(n.path("@id").asText(), n)).as("one entity per @id").isNull());
        JsonNode descriptor = byId.get("ro-crate-metadata.json");
        assertThat(descriptor.path("@type").asText()).isEqualTo("CreativeWork");
        assertThat(descriptor.path("about").path("@id").asText()).isEqualTo("./");
        JsonNode root = byId.get("./");
        JsonNode profile = byId.get(root.path("conformsTo").path("@id").asText());
        assertThat(profile).as("the profile the root conforms to is an entity of the crate").isNotNull();
        assertThat(profile.path("@type").asText()).isEqualTo("CreativeWork");
        assertThat(profile.path("@id").asText()).isEqualTo(RoCrateWriter.PROCESS_RUN_CRATE).startsWith("https://w3id.org/ro/wfrun/process/");
        assertThat(profile.path("name").asText()).isEqualTo("Process Run Crate");

        java.util.List<JsonNode> actions = new java.util.ArrayList<>();
        byId.values().forEach(n -> { if (n.path("@type").asText().equals("CreateAction")) actions.add(n); });
        assertThat(actions).extracting(a -> a.path("@id").asText()).containsExactlyInAnyOrder("#run-" + done, "#run-" + failed);
        for (JsonNode a : actions) {
            assertThat(root.path("mentions").toString()).contains(a.path("@id").asText());
            assertThat(a.path("name").asText()).isNotBlank();
            assertThat(a.path("description").asText()).startsWith("frugal train --run-dir runs/");
            JsonNode tool = byId.get(a.path("instrument").path("@id").asText());
            assertThat(tool.path("@type").asText()).isEqualTo("SoftwareApplication");
            assertThat(tool.path("name").asText()).isEqualTo("frugal");
            assertThat(tool.path("version").asText()).isNotBlank();
            for (String role : new String[] {"object", "result"}) {
                assertThat(a.path(role).isEmpty()).as(role).isFalse();
                for (JsonNode ref : a.path(role)) {
                    JsonNode entity = byId.get(ref.path("@id").asText());
                    assertThat(entity).as(ref.toString()).isNotNull();
                    assertThat(entity.path("@type").asText()).isIn("File", "Dataset");
                }
            }
            java.time.Instant end = java.time.Instant.parse(a.path("endTime").asText());
            if (a.has("startTime")) assertThat(java.time.Instant.parse(a.path("startTime").asText())).isBefore(end);
            boolean failedAction = a.path("actionStatus").asText().equals("http://schema.org/FailedActionStatus");
            assertThat(a.has("error")).isEqualTo(failedAction);
        }
        JsonNode doneAction = byId.get("#run-" + done);
        // the code that trained the run, not the exporting build; the first attempt's start
        assertThat(byId.get(doneAction.path("instrument").path("@id").asText()).path("version").asText()).isEqualTo("abc123def456-dirty");
        assertThat(doneAction.path("startTime").asText()).isEqualTo("2026-12-01T19:00:00Z");
        assertThat(doneAction.path("description").asText()).contains("2 attempts");
        // the dataset file it read, referenced where it lies, with the sha256 provenance recorded
        JsonNode dataFile = byId.get(data.toUri().toString());
        assertThat(doneAction.path("object").toString()).contains(data.toUri().toString());
        assertThat(dataFile.path("sha256").asText()).isEqualTo(DigestCache.sha256(data));
        JsonNode failedAction = byId.get("#run-" + failed);
        assertThat(failedAction.path("actionStatus").asText()).isEqualTo("http://schema.org/FailedActionStatus");
        assertThat(failedAction.path("error").asText()).contains("training diverged");
        assertThat(failedAction.path("result").toString()).contains("failure.json").doesNotContain("result.json");
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
