package io.frugal.reproducibility;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frugal.analysis.store.RunStoreReader;
import io.frugal.core.store.Json;
import io.frugal.core.store.RunDirectory;
import io.frugal.reproducibility.audit.TamperCheck;
import io.frugal.reproducibility.audit.Tampering;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TamperCheckTest {
    @TempDir
    Path tmp;
    Store store;
    String id;
    Path dataFile;
    DigestCache cache;

    @BeforeEach
    void untouchedStore() throws Exception {
        store = new Store(tmp.resolve("out"));
        id = store.done("baseline", 1, 0.8, 480, 10);
        store.write();
        dataFile = Files.writeString(tmp.resolve("train-images"), "pixels");
        cache = new DigestCache(tmp.resolve("cache.json"));
        ObjectNode p = Json.object();
        p.putObject("code").put("commit", "abc").put("dirty", false);
        Provenance.withDataFiles(p, null, Map.of(dataFile.toString(), DigestCache.sha256(dataFile)), cache);
        Json.writeAtomically(new RunDirectory(store.dir(id)).provenance(), p);
    }

    /** Rewrites a JSON file of the run with an edit. */
    private void edit(String file, java.util.function.Consumer<ObjectNode> change) {
        Path f = store.dir(id).resolve(file);
        ObjectNode o = (ObjectNode) Json.read(f);
        change.accept(o);
        Json.writeAtomically(f, o);
    }

    /** The one tampering found: its kind, and the words its line must hold. */
    private void onlyFinding(Tampering.Kind kind, String... words) {
        assertThat(check()).singleElement().satisfies(t -> {
            assertThat(t.kind()).isEqualTo(kind);
            assertThat(t.toString()).contains(words);
        });
    }

    private List<Tampering> check() {
        return new TamperCheck(cache).check(RunStoreReader.read(store.root));
    }

    @Test
    void anUntouchedStoreShowsNothing() {
        assertThat(check()).isEmpty();
    }

    @Test
    void aChangedDatasetFileIsNamed() throws Exception {
        Files.writeString(dataFile, "other pixels");
        onlyFinding(Tampering.Kind.DATASET_CHANGED, dataFile.toString());
    }

    @Test
    void aConfigEditedAfterPlanningIsNamed() throws Exception {
        edit("config.json", c -> c.put("epochs", 3));
        onlyFinding(Tampering.Kind.CONFIG_EDITED, "differs from plan.json", "not the run id");
    }

    @Test
    void aResultThatDisagreesWithItsMetricsIsNamed() throws Exception {
        edit("result.json", r -> r.put("final_top1", 0.9).put("best_top1", 0.9));
        onlyFinding(Tampering.Kind.RESULT_MISMATCH, "final_top1 0.9 but metrics.jsonl gives 0.8");
    }

    @Test
    void aDirtyTreeIsNamed() throws Exception {
        edit("provenance.json", p -> ((ObjectNode) p.get("code")).put("dirty", true).put("diff_sha256", "f".repeat(64)));
        onlyFinding(Tampering.Kind.DIRTY_TREE, "run " + id, "uncommitted edits", "ffffffffffff");
    }

    @Test
    void pointsCarryingARunningTotalOfTrainSecondsAgreeWithTheResultAndAnEditedTotalIsNamed() throws Exception {
        Path metrics = store.dir(id).resolve("metrics.jsonl");
        // the flow-images and byol kinds write the seconds so far on each point: 10, then 20 (the result's 20)
        StringBuilder running = new StringBuilder();
        double total = 0;
        for (String line : Files.readAllLines(metrics)) {
            ObjectNode pt = (ObjectNode) Json.parse(line);
            total += pt.get("train_seconds").asDouble();
            running.append(Json.compact(pt.put("train_seconds", total))).append('\n');
        }
        Files.writeString(metrics, running);
        assertThat(Files.readString(metrics)).contains("\"train_seconds\":20.0");
        assertThat(check()).isEmpty();
        edit("result.json", r -> r.put("train_seconds", 25.0));
        onlyFinding(Tampering.Kind.RESULT_MISMATCH, "train_seconds 25.0 but the points sum to 30.0 and the last says 20.0");
    }

    @Test
    void aResultEditedAfterTheRunEndedIsNamedEvenWhereMetricsDoNotCarryTheMetric() throws Exception {
        String result = DigestCache.sha256(store.dir(id).resolve("result.json"));
        String metrics = DigestCache.sha256(store.dir(id).resolve("metrics.jsonl"));
        edit("provenance.json", p -> p.putObject(RunRecorder.OUTPUTS).put("result.json", result).put("metrics.jsonl", metrics));
        assertThat(check()).isEmpty();
        // eval_seconds is on no metrics.jsonl point: only the digest recorded at the end can tell
        edit("result.json", r -> r.put("eval_seconds", 0.5));
        onlyFinding(Tampering.Kind.OUTPUT_EDITED, "run " + id, "result.json changed after the run ended");
    }
}
