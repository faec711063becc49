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
        assertThat(check()).singleElement().satisfies(t -> {
            assertThat(t.kind()).isEqualTo(Tampering.Kind.DATASET_CHANGED);
            assertThat(t.detail()).contains(dataFile.toString());
        });
    }

    @Test
    void aConfigEditedAfterPlanningIsNamed() throws Exception {
        Path config = store.dir(id).resolve("config.json");
        ObjectNode c = (ObjectNode) Json.read(config);
        c.put("epochs", 3);
        Json.writeAtomically(config, c);
        assertThat(check()).singleElement().satisfies(t -> {
            assertThat(t.kind()).isEqualTo(Tampering.Kind.CONFIG_EDITED);
            assertThat(t.detail()).contains("differs from plan.json").contains("not the run id");
        });
    }

    @Test
    void runningTotalsOfTrainSecondsEndAtTheResultsAndAnotherResultIsNamed() throws Exception {
        // the byol kind's metrics.jsonl: seconds so far at every point, not per epoch
        Path metrics = store.dir(id).resolve("metrics.jsonl");
        List<String> lines = Files.readAllLines(metrics);
        lines.set(1, lines.get(1).replace("\"train_seconds\":10.0", "\"train_seconds\":20.0"));
        Files.write(metrics, lines);
        assertThat(Files.readString(metrics)).contains("\"train_seconds\":20.0");
        assertThat(check()).isEmpty();
        Path result = store.dir(id).resolve("result.json");
        Json.writeAtomically(result, ((ObjectNode) Json.read(result)).put("train_seconds", 25.0));
        assertThat(check()).singleElement().satisfies(t -> assertThat(t.detail()).contains("train_seconds 25.0").contains("last running total is 20.0"));
    }

    @Test
    void aResultThatDisagreesWithItsMetricsIsNamed() throws Exception {
        Path result = store.dir(id).resolve("result.json");
        ObjectNode r = (ObjectNode) Json.read(result);
        r.put("final_top1", 0.9).put("best_top1", 0.9);
        Json.writeAtomically(result, r);
        assertThat(check()).singleElement().satisfies(t -> {
            assertThat(t.kind()).isEqualTo(Tampering.Kind.RESULT_MISMATCH);
            assertThat(t.detail()).contains("final_top1 0.9 but metrics.jsonl gives 0.8");
        });
    }

    @Test
    void aDirtyTreeIsNamed() throws Exception {
        Path prov = new RunDirectory(store.dir(id)).provenance();
        ObjectNode p = (ObjectNode) Json.read(prov);
        ((ObjectNode) p.get("code")).put("dirty", true).put("diff_sha256", "f".repeat(64));
        Json.writeAtomically(prov, p);
        assertThat(check()).singleElement().satisfies(t -> {
            assertThat(t.kind()).isEqualTo(Tampering.Kind.DIRTY_TREE);
            assertThat(t.toString()).contains("run " + id, "uncommitted edits", "ffffffffffff");
        });
    }
}
