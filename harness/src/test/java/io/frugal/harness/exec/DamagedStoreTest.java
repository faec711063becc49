package io.frugal.harness.exec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.frugal.core.store.Json;
import io.frugal.core.store.RunDirectory;
import io.frugal.core.store.RunStore;
import io.frugal.harness.manifest.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged run-store files are reported with the reason and set aside, never counted and never
 * deleted, and the run goes on: a garbage result.json is not "done", a cut-short provenance.json
 * does not stop a resume; and the dataset folder a run used is recorded even when FRUGAL_DATA
 * (here -Dfrugal.data) names an empty folder or a symbolic-link loop first.
 */
class DamagedStoreTest {
    @TempDir
    Path tmp;

    private final String savedDataProperty = System.getProperty("frugal.data");

    @AfterEach
    void restore() {
        if (savedDataProperty == null) System.clearProperty("frugal.data");
        else System.setProperty("frugal.data", savedDataProperty);
    }

    private Path manifest() throws IOException {
        return Cli.write(tmp, "m.yaml", """
                name: damaged
                defaults: {own_data: true, model: {width: 0.125}, epochs: 1, batch_size: 40, test_limit: 80}
                datasets: [mnist]
                seeds: [1]
                experiments:
                  - {id: baseline, schedule: {type: full}}
                """);
    }

    @Test
    void theDatasetFolderUsedIsRecordedWithTheFoldersPassedOver() throws IOException {
        Path data = tmp.resolve("data");
        LocalRunTest.TinyIdx.write(data.resolve("mnist"), 200, 80);
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Path loop = tmp.resolve("loop");
        Files.createSymbolicLink(loop, loop);
        System.setProperty("frugal.data", empty + ":" + loop + ":" + data);
        Path out = tmp.resolve("out");
        Cli first = ThreadCountTest.runRetryingDivergence("run", manifest().toString(), "--out", out.toString());
        assertThat(first.code).as(first.out + first.err).isEqualTo(0);
        RunDirectory run = new RunStore(out).runs().get(0);
        assertThat(Files.readString(run.log())).contains("dataset mnist from " + data.resolve("mnist") + " (-Dfrugal.data)");
        JsonNode used = Json.read(run.provenance()).path("datasets").get(0);
        assertThat(used.path("folder").asText()).isEqualTo(data.resolve("mnist").toString());
        assertThat(used.path("found_through").asText()).isEqualTo("-Dfrugal.data");
        assertThat(used.path("passed_over").toString()).contains(empty + " (-Dfrugal.data): missing 4 of 4 files")
                .contains(loop + " (-Dfrugal.data): a symbolic").contains("loop");
        assertThat(used.path("own_data").asBoolean()).isTrue();
        assertThat(used.path("differs_from_published")).hasSize(4);
    }

    private static boolean validTop1(RunDirectory run) {
        try {
            return Json.read(run.result()).path("final_top1").isNumber();
        } catch (RuntimeException notJson) {
            return false;
        }
    }

    @Test
    void aGarbageResultIsCorruptNotDoneAndIsSetAsideWhileTheRunTrainsAgain() throws IOException {
        Path data = tmp.resolve("data");
        LocalRunTest.TinyIdx.write(data.resolve("mnist"), 200, 80);
        System.setProperty("frugal.data", data.toString());
        Path manifest = manifest();
        Path out = tmp.resolve("out");
        Cli first = ThreadCountTest.runRetryingDivergence("run", manifest.toString(), "--out", out.toString());
        assertThat(first.code).as(first.out + first.err).isEqualTo(0);
        RunDirectory run = new RunStore(out).runs().get(0);

        Files.writeString(run.result(), "{\"status\": \"done\", \"final_top1\": \"garbage\"");
        Files.writeString(run.provenance(), "{\"run_id\": \"" + run.runId() + "\", \"engine\": {\"thr");
        // status and run judged each on its own: a failure of one must not hide the other's
        SoftAssertions soft = new SoftAssertions();
        List<String> before = Cli.tree(out);
        Cli status = Cli.run("status", out.toString());
        soft.assertThat(status.out).as("status").contains("result.json is corrupt (not valid JSON").contains("0 done");
        soft.assertThat(Cli.tree(out)).as("status reads, never writes").isEqualTo(before);

        Cli again = ThreadCountTest.runRetryingDivergence("run", manifest.toString(), "--out", out.toString());
        soft.assertThat(again.code).as(again.out + again.err).isEqualTo(0);
        soft.assertThat(again.out).as("run").contains("result.json is corrupt (not valid JSON").contains("moved to result.json.corrupt-")
                .contains("1 done now, 0 done before");
        soft.assertThat(validTop1(run)).as("trained again: " + Files.readString(run.result())).isTrue();
        soft.assertThat(Files.readString(run.log())).contains("provenance.json is damaged").contains("moved to provenance.json.corrupt-");
        try (Stream<Path> files = Files.list(run.dir())) {
            soft.assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.contains(".corrupt-")))
                    .as("damaged files are kept").hasSize(2);
        }
        soft.assertThat(Cli.run("status", out.toString()).out).contains("1 done");
        soft.assertAll();
    }
}
