package io.frugal.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frugal.core.kind.TrainerKinds;
import io.frugal.core.store.Json;
import io.frugal.core.store.PlannedRun;
import io.frugal.core.store.Plan;
import io.frugal.core.store.RunDirectory;
import io.frugal.core.store.RunStore;
import io.frugal.harness.manifest.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One tiny real run of each trainer kind in one store (a classifier on Fashion-MNIST, a flow-images
 * denoiser labelled by it, a flow model on a Gaussian mixture, ReLA-aided BYOL), then
 * {@code frugal verify}: provenance and energy.json are recorded, the untouched store shows no
 * tampering, {@code --rerun 4} re-runs every kind bitwise identically and also stops one run of
 * each kind with SIGTERM mid-training and resumes it to the same bits; and each kind of tampering
 * (a dataset file changed since the run, a config.json edited after planning, a result.json that
 * no longer matches its metrics, a dirty tree) is named in verify's output.
 */
class VerifyAuditTest {
    @TempDir
    static Path tmp;
    static Path data;
    static Path out;
    static String savedDataProperty;
    /** kind name → the run of that kind */
    static final Map<String, RunDirectory> byKind = new LinkedHashMap<>();

    @BeforeAll
    static void oneRealRunOfEachKind() throws IOException {
        Path installed = Path.of("/usr/share/datasets/fashion-mnist");
        assumeTrue(Files.isRegularFile(installed.resolve("t10k-labels-idx1-ubyte.gz")), "Fashion-MNIST is not installed");
        // a copy of the dataset, so that the test can change one of its files and put it back
        data = tmp.resolve("data");
        Files.createDirectories(data.resolve("fashion-mnist"));
        try (Stream<Path> files = Files.list(installed)) {
            for (Path f : files.toList()) Files.copy(f, data.resolve("fashion-mnist").resolve(f.getFileName().toString()));
        }
        savedDataProperty = System.getProperty("frugal.data");
        System.setProperty("frugal.data", data.toString()); // passed on to the trainer JVMs
        Path manifest = Cli.write(tmp, "kinds.yaml", """
                name: every-kind
                datasets: [fashion-mnist, gaussian-mixture-d30]
                seeds: [1]
                experiments:
                  - id: clf
                    datasets: [fashion-mnist]
                    trainer: classifier
                    model: {name: hvc, width: 0.125}
                    epochs: 3
                    batch_size: 40
                    train_limit: 240
                    test_limit: 80
                    schedule: {type: full}
                    resources: {cpus: 1}
                  - id: images
                    datasets: [fashion-mnist]
                    needs: {classifier: clf}
                    trainer: flow-images
                    classes: [1, 9]
                    proportions: [0.75, 0.25]
                    train_size: 64
                    image_size: 28
                    denoiser: {channels: [4, 8], time_features: 8}
                    epochs: 4
                    batch_size: 16
                    optimizer: {name: adamw, lr: 1.0e-3, weight_decay: 0.01, warmup_steps: 3}
                    time_sampling: {type: uniform}
                    sampler_steps: 6
                    samples: 10
                    uturn: {times: [0.6, 0.3], images: 4}
                    resources: {cpus: 1}
                  - id: mixture
                    datasets: [gaussian-mixture-d30]
                    trainer: flow
                    points: 32
                    grid_size: 6
                    steps: 300
                    samples: 400
                    exact_euler_steps: 50
                    checkpoint_every: 70
                    eval_every: 20
                    schedule: {type: uniform}
                    uturn_samples: 60
                    resources: {cpus: 1}
                  - id: rela
                    datasets: [fashion-mnist]
                    trainer: byol
                    backbone: {name: small-cnn, width: 0.25}
                    epochs: 4
                    batch_size: 32
                    optimizer: {name: adamw, lr: 1.0e-3, weight_decay: 0.01}
                    ema_momentum: 0.99
                    budget: 0.5
                    classes: [0, 1, 2, 3, 4]
                    train_limit: 256
                    test_limit: 100
                    augmentation: {byol: byol, rela: rela-phase}
                    rela: {prior: random, whitening: true, map: frozen, handover: fraction, fraction: 0.5}
                    probe: {epochs: 20, lr: 3.0e-4, batch_size: 64}
                    resources: {cpus: 1}
                """);
        out = tmp.resolve("out");
        Cli run = Cli.run("run", manifest.toString(), "--out", out.toString(), "--jobs", "1", "--threads", "1");
        assertThat(run.code).as(run.out + run.err).isZero();
        for (PlannedRun p : Plan.read(out).runs()) byKind.put(TrainerKinds.of(p.config()).name(), new RunStore(out).run(p.id()));
        assertThat(byKind).containsOnlyKeys("classifier", "flow-images", "flow", "byol");
    }

    @AfterAll
    static void restoreDataPath() {
        if (savedDataProperty == null) System.clearProperty("frugal.data");
        else System.setProperty("frugal.data", savedDataProperty);
    }

    @Test
    void everyRunRecordsItsProvenanceAndEnergy() {
        for (var e : byKind.entrySet()) {
            RunDirectory dir = e.getValue();
            JsonNode prov = Json.read(dir.provenance());
            assertThat(prov.path("outcome").asText()).as(e.getKey()).isEqualTo("done");
            assertThat(prov.path("config").path("seed").asLong()).isEqualTo(1);
            assertThat(prov.path("config_sha256").asText()).hasSize(64);
            assertThat(prov.path("host").path("cpu_model").isTextual()).isTrue();
            assertThat(prov.path("outputs_sha256").path("result.json").asText()).as(e.getKey()).hasSize(64);
            if (!e.getKey().equals("flow")) { // the mixture is drawn from the seed: no data files
                assertThat(prov.path("dataset_files").size()).as(e.getKey()).isGreaterThan(0);
                assertThat(prov.path("dataset_files").get(0).path("path").asText()).startsWith(data.toString());
            }
            JsonNode energy = Json.read(dir.dir().resolve("energy.json"));
            assertThat(energy.path("energy_kwh").asDouble()).isPositive();
            assertThat(energy.path("source").asText()).isIn("rapl", "cpu-seconds", "nvidia-smi+rapl", "nvidia-smi+cpu-seconds");
        }
    }

    @Test
    void rerunsOfEveryKindAreBitwiseIdenticalAlsoAcrossAnInterruption() {
        Cli verify = Cli.run("verify", out.toString(), "--rerun", "4");
        assertThat(verify.out).doesNotContain("DIFFERS", "not checked");
        for (var e : byKind.entrySet()) {
            String id = e.getValue().runId();
            long points = Files.exists(e.getValue().metrics()) ? io.frugal.core.store.MetricsFile.count(e.getValue()) : 0;
            assertThat(verify.out).as(verify.out).contains(id + " " + e.getKey() + " uninterrupted: identical (bitwise), largest difference 0 over ");
            assertThat(verify.out).as(verify.out).containsPattern(id + " " + e.getKey()
                    + " interrupted and resumed \\(stopped after [1-9][0-9]* of " + points + " progress points\\): identical \\(bitwise\\), largest difference 0 over ");
        }
        assertThat(verify.out).contains("determinism audit (8 comparisons; CPU runs bitwise, GPU runs within 1.0E-4;")
                .contains("determinism audit: passed; largest difference over all comparisons 0");
        // exit 0 unless the tree this test runs from has uncommitted edits, which verify must name
        if (verify.out.contains("trained from a dirty tree")) assertThat(verify.code).isEqualTo(1);
        else assertThat(verify.code).as(verify.out + verify.err).isZero();
        assertThat(out.resolve("report/reproduction.md")).exists();
    }

    @Test
    void anUntouchedStoreShowsNoTamperingAndEachKindOfTamperingIsNamed() throws IOException {
        Cli clean = Cli.run("verify", out.toString());
        // real runs of every kind agree with their own metrics, data and plan (a dirty tree is the checkout's, not the store's)
        assertThat(clean.out).doesNotContain("dataset file changed", "config.json edited", "does not match metrics.jsonl", "edited after the run ended");

        Path copy = tmp.resolve("tampered");
        copyStore(out, copy);
        RunStore store = new RunStore(copy);
        RunDirectory classifier = store.run(byKind.get("classifier").runId());
        RunDirectory images = store.run(byKind.get("flow-images").runId());
        RunDirectory flow = store.run(byKind.get("flow").runId());
        RunDirectory byol = store.run(byKind.get("byol").runId());
        edit(flow.config(), c -> c.put("steps", 400));
        edit(classifier.result(), r -> r.put("final_top1", 0.99).put("best_top1", 0.99)); // still a valid result, so counted
        edit(byol.result(), r -> r.put("probe_top1", 0.99));
        edit(images.provenance(), p -> ((ObjectNode) p.get("code")).put("dirty", true).put("diff_sha256", "e".repeat(64)));
        Path labels = data.resolve("fashion-mnist").resolve("t10k-labels-idx1-ubyte.gz");
        byte[] original = Files.readAllBytes(labels);
        Cli verify;
        try {
            Files.write(labels, new byte[] {1}, java.nio.file.StandardOpenOption.APPEND);
            verify = Cli.run("verify", copy.toString());
        } finally {
            Files.write(labels, original);
        }
        assertThat(verify.code).as(verify.out + verify.err).isEqualTo(1);
        assertThat(verify.out)
                .contains("run " + flow.runId() + ": config.json edited after planning: config.json differs from plan.json's config")
                .contains("run " + classifier.runId() + ": result.json does not match metrics.jsonl: final_top1 0.99 but metrics.jsonl gives ")
                .contains("run " + byol.runId() + ": result.json or metrics.jsonl edited after the run ended: result.json changed after the run ended")
                .contains("run " + images.runId() + ": trained from a dirty tree: commit ")
                .contains("run " + classifier.runId() + ": dataset file changed since the run: " + labels)
                .contains("run " + images.runId() + ": dataset file changed since the run: " + labels)
                .contains("run " + byol.runId() + ": dataset file changed since the run: " + labels);
    }

    @Test
    void theExportedCrateHasOneActionPerRunWithTheCodeThatRanItItsInputsAndItsResults() throws IOException {
        Path crateDir = tmp.resolve("crate");
        Cli export = Cli.run("export", out.toString(), "--ro-crate", crateDir.toString());
        assertThat(export.code).as(export.out + export.err).isZero();
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        Json.read(crateDir.resolve("ro-crate-metadata.json")).path("@graph").forEach(n -> byId.put(n.path("@id").asText(), n));
        for (var e : byKind.entrySet()) {
            RunDirectory run = e.getValue();
            JsonNode action = byId.get("#run-" + run.runId());
            assertThat(action.path("@type").asText()).as(e.getKey()).isEqualTo("CreateAction");
            assertThat(action.path("actionStatus").asText()).isEqualTo("http://schema.org/CompletedActionStatus");
            JsonNode prov = Json.read(run.provenance());
            JsonNode tool = byId.get(action.path("instrument").path("@id").asText());
            assertThat(tool.path("version").asText()).isEqualTo(prov.path("code").path("version").asText());
            assertThat(action.path("startTime").asText()).isEqualTo(prov.path("started_at").asText());
            String result = "runs/" + run.runId() + "/result.json";
            assertThat(action.path("result").toString()).contains(result);
            assertThat(byId.get(result).path("sha256").asText()).isEqualTo(prov.path("outputs_sha256").path("result.json").asText());
            for (JsonNode f : prov.path("dataset_files")) {
                String id = Path.of(f.path("path").asText()).toUri().toString();
                assertThat(action.path("object").toString()).contains(id);
                assertThat(byId.get(id).path("sha256").asText()).isEqualTo(f.path("sha256").asText());
            }
        }
        // the denoiser's images were labelled by the classifier run it needed: that run's model is an object of its action
        String model = byKind.get("classifier").modelDir().toAbsolutePath().toUri().toString();
        assertThat(byId.get("#run-" + byKind.get("flow-images").runId()).path("object").toString()).contains(model);
        assertThat(byId.get(model).path("@type").asText()).isEqualTo("Dataset");
    }

    private static void edit(Path file, Consumer<ObjectNode> change) {
        ObjectNode o = (ObjectNode) Json.read(file);
        change.accept(o);
        Json.writeAtomically(file, o);
    }

    /** plan.json and runs/ (not the audit's scratch, not the report). */
    private static void copyStore(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        Files.copy(from.resolve("plan.json"), to.resolve("plan.json"));
        try (Stream<Path> s = Files.walk(from.resolve("runs"))) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else Files.copy(p, t, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }
}
