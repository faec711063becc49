package io.frugal.harness.exec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.frugal.harness.flow.TinyFlowImages;
import io.frugal.core.store.Json;
import io.frugal.core.store.RunDirectory;
import io.frugal.core.store.RunStore;
import io.frugal.harness.manifest.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A manifest whose flow-images run needs a classifier run, on the local executor with real
 * trainer processes: a failed classifier leaves the flow run blocked (named with the classifier's
 * id by run, status and report) and never started; with the data present, the classifier trains
 * first and the flow run after it, labelling its images with the classifier's model.
 */
class DependenciesTest {
    @TempDir
    Path tmp;

    private final String savedDataProperty = System.getProperty("frugal.data");

    @AfterEach
    void restore() {
        if (savedDataProperty == null) System.clearProperty("frugal.data");
        else System.setProperty("frugal.data", savedDataProperty);
    }

    @Test
    void aFailedClassifierBlocksTheFlowRunThatNeedsItAndWithDataBothRunInOrder() throws IOException {
        Path manifest = tmp.resolve("deps.yaml");
        Files.writeString(manifest, """
                name: deps
                defaults: {own_data: true}
                datasets: [mnist]
                seeds: [1]
                experiments:
                  - {id: clf, trainer: classifier, model: {width: 0.125}, epochs: 1, batch_size: 40, test_limit: 80,
                     schedule: {type: full}}
                """ + TinyFlowImages.experiment("flow", "clf", 0, 1));
        Path out = tmp.resolve("out");
        System.setProperty("frugal.data", tmp.resolve("nowhere").toString());
        Cli first = Cli.run("run", manifest.toString(), "--out", out.toString(), "--threads", "1");
        assertThat(first.code).as(first.out + first.err).isEqualTo(1);
        List<RunDirectory> runs = new RunStore(out).runs();
        RunDirectory clf = runs.stream().filter(r -> Json.read(r.config()).path("experiment").asText().equals("clf")).findFirst().orElseThrow();
        RunDirectory flow = runs.stream().filter(r -> Json.read(r.config()).path("experiment").asText().equals("flow")).findFirst().orElseThrow();
        assertThat(Json.read(flow.config()).path("inputs").path("classifier").asText()).isEqualTo(clf.runId());
        assertThat(Json.read(clf.failure()).path("message").asText()).contains("dataset 'mnist' not found");
        assertThat(first.out).contains("blocked").contains(clf.runId());
        assertThat(flow.log()).as("a blocked run is never started").doesNotExist();
        assertThat(flow.provenance()).doesNotExist();
        assertThat(flow.result()).doesNotExist();

        Cli status = Cli.run("status", out.toString());
        assertThat(status.code).isEqualTo(0);
        assertThat(lineOf(status.out, flow.runId())).contains("blocked").contains(clf.runId());
        Cli report = Cli.run("report", out.toString());
        assertThat(report.out + report.err).contains("blocked").contains(clf.runId());

        Path data = tmp.resolve("data");
        LocalRunTest.TinyIdx.write(data.resolve("mnist"), 200, 80);
        System.setProperty("frugal.data", data.toString());
        Cli second = Cli.run("run", manifest.toString(), "--out", out.toString(), "--threads", "1");
        assertThat(second.code).as(second.out + second.err).isEqualTo(0);
        assertThat(clf.isDone()).isTrue();
        assertThat(flow.isDone()).isTrue();
        assertThat(clf.modelDir().resolve("weights.tensors")).isRegularFile();
        JsonNode flowResult = Json.read(flow.result());
        assertThat(flowResult.path("classifier_run").asText()).isEqualTo(clf.runId());
        // the flow run started only after the classifier's result existed
        Instant clfDone = Instant.parse(Json.read(clf.result()).path("finished_at").asText());
        Instant flowStarted = Files.getLastModifiedTime(flow.provenance()).toInstant();
        assertThat(Files.getLastModifiedTime(flow.metrics()).toInstant()).isAfter(clfDone);
        assertThat(flowStarted).isAfterOrEqualTo(clfDone.minusSeconds(1));
        assertThat(Cli.run("status", out.toString()).out).contains("2 runs: 0 planned, 0 queued, 0 running, 2 done, 0 failed");
    }

    private static String lineOf(String text, String id) {
        return text.lines().filter(l -> l.contains(id)).findFirst().orElse("");
    }
}
