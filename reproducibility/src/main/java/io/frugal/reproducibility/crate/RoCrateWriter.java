package io.frugal.reproducibility.crate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frugal.analysis.store.RunRecord;
import io.frugal.analysis.store.RunState;
import io.frugal.analysis.store.StoreSnapshot;
import io.frugal.core.store.Json;
import io.frugal.core.store.RunDirectory;
import io.frugal.core.store.RunStore;
import io.frugal.reproducibility.DigestCache;
import io.frugal.reproducibility.energy.EnergyFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;

/**
 * Writes a run store as an RO-Crate 1.1 conforming to the Process Run Crate profile: the run
 * files (plan.json; per run config.json, metrics.jsonl, result.json, provenance.json, energy.json,
 * failure.json) are copied into DIR, and ro-crate-metadata.json describes them with one
 * CreateAction per planned run that was started: instrument (frugal at the code version that
 * trained the run, as its provenance.json says, else the exporting build's), object (its config,
 * the dataset files it read, with sha256, and the trained models of the runs it needed, these two
 * referenced where they lie, not copied), result (its result and metrics), startTime, endTime,
 * actionStatus, and error for a failed run.
 */
public final class RoCrateWriter {
    public static final String RO_CRATE = "https://w3id.org/ro/crate/1.1";
    public static final String PROCESS_RUN_CRATE = "https://w3id.org/ro/wfrun/process/0.5";
    private static final List<String> RUN_FILES = List.of(RunDirectory.CONFIG, RunDirectory.METRICS, RunDirectory.RESULT,
            RunDirectory.PROVENANCE, EnergyFile.NAME, RunDirectory.FAILURE);

    private RoCrateWriter() {}

    public static Path write(StoreSnapshot snapshot, Path dir, String frugalVersion) throws IOException {
        Files.createDirectories(dir);
        RunStore store = new RunStore(snapshot.root());
        ObjectNode meta = Json.object();
        meta.put("@context", "https://w3id.org/ro/crate/1.1/context");
        ArrayNode graph = meta.putArray("@graph");
        graph.addObject().put("@id", "ro-crate-metadata.json").put("@type", "CreativeWork")
                .<ObjectNode>set("about", ref("./")).set("conformsTo", ref(RO_CRATE));
        ObjectNode root = graph.addObject();
        root.put("@id", "./");
        root.put("@type", "Dataset");
        root.put("name", "frugal run store: " + snapshot.plan().name());
        root.put("description", "Runs of manifest " + snapshot.plan().manifest() + " (" + snapshot.plan().source() + "), planned by frugal"
                + (snapshot.plan().profile() == null ? "" : ", profile " + snapshot.plan().profile()));
        root.put("datePublished", Instant.now().toString());
        root.set("license", ref("#license"));
        root.set("conformsTo", ref(PROCESS_RUN_CRATE));
        ArrayNode parts = root.putArray("hasPart");
        ArrayNode mentions = root.putArray("mentions");
        graph.addObject().put("@id", "#license").put("@type", "CreativeWork").put("name", "not stated")
                .put("description", "The run store's owner has not stated a licence for these results.");
        graph.addObject().put("@id", "https://w3id.org/ro/wfrun/process/0.5").put("@type", "CreativeWork")
                .put("name", "Process Run Crate").put("version", "0.5");
        java.util.Set<String> tools = new java.util.HashSet<>();

        if (Files.isRegularFile(store.plan())) {
            Files.copy(store.plan(), dir.resolve("plan.json"), StandardCopyOption.REPLACE_EXISTING);
            parts.add(ref("plan.json"));
            graph.add(file("plan.json", dir.resolve("plan.json"), "the expanded plan: run ids and resolved configs"));
        }
        for (RunRecord r : snapshot.runs()) {
            RunDirectory run = store.run(r.id());
            if (!Files.isDirectory(run.dir()) || r.state() == RunState.NOT_STARTED) continue;
            String prefix = "runs/" + r.id() + "/";
            Files.createDirectories(dir.resolve(prefix));
            ArrayNode object = Json.MAPPER.createArrayNode();
            ArrayNode result = Json.MAPPER.createArrayNode();
            for (String name : RUN_FILES) {
                Path src = run.dir().resolve(name);
                if (!Files.isRegularFile(src)) continue;
                Path dst = dir.resolve(prefix + name);
                Files.copy(src, dst, StandardCopyOption.REPLACE_EXISTING);
                parts.add(ref(prefix + name));
                graph.add(file(prefix + name, dst, null));
                (name.equals(RunDirectory.CONFIG) ? object : result).add(ref(prefix + name));
            }
            JsonNode prov = readOrNull(run.provenance());
            if (prov != null) {
                for (JsonNode f : prov.path("dataset_files")) {
                    String path = f.path("path").asText(null);
                    if (path == null) continue;
                    String id = Path.of(path).toUri().toString();
                    object.add(ref(id));
                    ObjectNode df = Json.object();
                    df.put("@id", id);
                    df.put("@type", "File");
                    df.put("name", f.path("name").asText());
                    df.put("sha256", f.path("sha256").asText());
                    if (f.path("bytes").isNumber()) df.put("contentSize", f.path("bytes").asText());
                    if (!contains(graph, id)) graph.add(df);
                }
            }
            for (var input : r.planned().inputs().entrySet()) {
                RunDirectory needed = store.run(input.getValue());
                String id = needed.modelDir().toAbsolutePath().toUri().toString();
                object.add(ref(id));
                if (!contains(graph, id)) {
                    graph.addObject().put("@id", id).put("@type", "Dataset").put("name", "model of run " + input.getValue())
                            .put("description", "the trained model a done run leaves for the runs that need it (here as '" + input.getKey() + "')");
                }
            }
            String version = prov == null ? null : prov.path("code").path("version").asText(null);
            if (version == null) version = frugalVersion;
            String toolId = "#frugal-" + version;
            if (tools.add(toolId)) {
                graph.addObject().put("@id", toolId).put("@type", "SoftwareApplication").put("name", "frugal").put("version", version)
                        .put("description", "Batch HPC job suite that reproduces training-with-less-compute papers"
                                + (version.endsWith("-dirty") ? " (this build had uncommitted edits)" : ""));
            }
            ObjectNode action = graph.addObject();
            action.put("@id", "#run-" + r.id());
            action.put("@type", "CreateAction");
            action.put("name", "frugal train " + r.id() + ": " + r.planned().experiment() + " on " + r.planned().dataset() + ", seed " + r.planned().seed());
            action.put("description", "frugal train --run-dir runs/" + r.id() + " (trainer " + r.planned().config().path("trainer").asText("default")
                    + "; the run's settings are its config.json)" + attempts(prov));
            action.set("instrument", ref(toolId));
            action.set("object", object);
            action.set("result", result);
            String start = prov == null ? null : firstStart(prov);
            if (start != null) action.put("startTime", start);
            String end = r.isDone() ? r.result().finishedAt() : prov == null ? null : prov.path("ended_at").asText(null);
            if (end == null && r.failure() != null) end = r.failure().at(); // a failure record says when it failed
            if (end != null) action.put("endTime", end);
            action.put("actionStatus", switch (r.state()) {
                case DONE -> "http://schema.org/CompletedActionStatus";
                case FAILED, CORRUPT, BLOCKED -> "http://schema.org/FailedActionStatus";
                default -> "http://schema.org/ActiveActionStatus";
            });
            if (r.state() == RunState.FAILED && r.failure() != null && r.failure().message() != null) action.put("error", r.failure().message());
            mentions.add(ref("#run-" + r.id()));
        }
        Path file = dir.resolve("ro-crate-metadata.json");
        Json.writeAtomically(file, meta);
        return file;
    }

    private static String attempts(JsonNode prov) {
        int n = prov == null ? 0 : 1 + prov.path("previous_attempts").size();
        return n > 1 ? "; " + n + " attempts (stopped and resumed from its checkpoint)" : "";
    }

    /** The first attempt's start: provenance keeps earlier attempts in previous_attempts. */
    private static String firstStart(JsonNode prov) {
        JsonNode prev = prov.path("previous_attempts");
        if (prev.isArray() && !prev.isEmpty() && prev.get(0).path("started_at").isTextual()) return prev.get(0).get("started_at").asText();
        return prov.path("started_at").asText(null);
    }

    private static boolean contains(ArrayNode graph, String id) {
        for (JsonNode n : graph) if (id.equals(n.path("@id").asText())) return true;
        return false;
    }

    private static ObjectNode file(String id, Path copy, String description) throws IOException {
        ObjectNode f = Json.object();
        f.put("@id", id);
        f.put("@type", "File");
        f.put("name", copy.getFileName().toString());
        f.put("contentSize", Long.toString(Files.size(copy)));
        f.put("sha256", DigestCache.sha256(copy));
        f.put("encodingFormat", id.endsWith(".jsonl") ? "application/jsonl" : "application/json");
        if (description != null) f.put("description", description);
        return f;
    }

    private static JsonNode readOrNull(Path p) {
        if (!Files.isRegularFile(p)) return null;
        try {
            return Json.read(p);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static ObjectNode ref(String id) {
        return Json.object().put("@id", id);
    }
}
