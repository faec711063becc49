package io.frugal.methods.rela;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frugal.core.kind.Outcome;
import io.frugal.core.kind.StopSignal;
import io.frugal.core.store.Json;
import io.frugal.core.store.MetricsFile;
import io.frugal.core.store.RunDirectory;
import io.frugal.methods.data.DatasetCatalog;
import io.frugal.methods.data.DatasetLoader;
import io.frugal.methods.data.DatasetLocator;
import io.frugal.methods.data.ImageSet;
import io.frugal.methods.data.LoadedDataset;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tiny real BYOL / ReLA runs on Fashion-MNIST (a few hundred images, SmallCnn at width 1/8, 2 epochs). */
class ByolTrainingTest {
    static final Path DEBIAN = Path.of("/usr/share/datasets/fashion-mnist");
    static LoadedDataset data;

    @TempDir
    Path tmp;

    @BeforeAll
    static void load() {
        boolean present = DatasetCatalog.standard().source("fashion-mnist").isCompleteIn(DEBIAN);
        assumeTrue(present, DEBIAN + " not installed");
        DatasetLocator.Environment env = new DatasetLocator.Environment(k -> null, k -> null, Path.of("/nonexistent-home"),
                Path.of("/nonexistent-work"), DEBIAN.getParent());
        data = new DatasetLoader(new DatasetLocator(env, DatasetCatalog.standard())).load("fashion-mnist");
    }

    static ObjectNode config(String prior) {
        ObjectNode c = (ObjectNode) Json.parse("""
                {"experiment": "t", "dataset": "fashion-mnist", "seed": 3, "trainer": "byol",
                 "backbone": {"name": "small-cnn", "width": 0.125}, "epochs": 2, "batch_size": 32, "budget": 0.5,
                 "train_limit": 200, "test_limit": 100,
                 "rela": {"prior": "%s", "handover": "fraction", "fraction": 0.5},
                 "probe": {"epochs": 4, "batch_size": 64}}""".formatted(prior));
        return c;
    }

    record Run(RunDirectory dir, Outcome outcome, String log) {}

    Run train(String name, ObjectNode config, Map<String, RunDirectory> inputs, long stopAtStep) throws Exception {
        RunDirectory dir = new RunDirectory(tmp.resolve("out/runs/" + name));
        Files.createDirectories(dir.dir());
        Json.writeAtomically(dir.config(), config);
        ByolConfig c = ByolConfig.parse(config);
        ImageSet train = ByolRunTrainer.select(data.train(), c.classes(), c.trainLimit(), 10, "training");
        ImageSet test = ByolRunTrainer.select(data.test(), c.classes(), c.testLimit(), 10, "test");
        StringWriter log = new StringWriter();
        ByolTraining t = new ByolTraining(c, train, test, c.classes() == null ? 10 : c.classes().size(), dir, inputs,
                new PrintWriter(log), tmp.resolve("cache"));
        StopSignal stop = new StopSignal();
        if (stopAtStep > 0) t.afterStep = s -> { if (s == stopAtStep) stop.request("test"); };
        return new Run(dir, t.run(stop), log.toString());
    }

    static JsonNode result(RunDirectory dir) throws Exception {
        ObjectNode r = (ObjectNode) Json.parse(Files.readString(dir.result()));
        for (String volatileKey : List.of("run_id", "train_seconds", "eval_seconds", "wall_seconds", "finished_at", "target_seconds",
                "probe_seconds", "resumes", "target_cache")) r.remove(volatileKey);
        return r;
    }

    @Test
    void sameSeedGivesIdenticalResultsAndAStoppedRunResumesToTheSameNumbers() throws Exception {
        ObjectNode config = config("random");
        Run a = train("a", config, Map.of(), 0);
        Run b = train("b", config, Map.of(), 0);
        assertThat(a.outcome()).isEqualTo(Outcome.DONE);
        assertThat(result(b.dir())).isEqualTo(result(a.dir()));
        JsonNode r = result(a.dir());
        // 2 epochs of 100 images in batches of 32 (3 full + 4 merged... 100 = 3x32 + 4): 4 steps per epoch
        assertThat(r.path("images_processed").asLong()).isEqualTo(2L * 100 * 2);
        assertThat(r.path("handover_step").asLong()).isEqualTo(4);
        assertThat(r.path("probe_top1").asDouble()).isBetween(0.0, 1.0);
        assertThat(MetricsFile.lines(a.dir().metrics())).hasSize(2);
        assertThat(a.dir().modelDir().resolve(BackboneFile.PARAMS)).isRegularFile();
        // the second run reused the first run's targets
        assertThat(b.log()).contains("targets: reused");

        // stopped in the middle of epoch 1 (step 2) and at the hand-over (step 4), then resumed: same numbers
        Run s = train("s", config, Map.of(), 2);
        assertThat(s.outcome()).isEqualTo(Outcome.INTERRUPTED);
        assertThat(s.dir().hasCheckpoint()).isTrue();
        assertThat(s.dir().isDone()).isFalse();
        Run s2 = train("s", config, Map.of(), 6);
        assertThat(s2.outcome()).isEqualTo(Outcome.INTERRUPTED);
        Run s3 = train("s", config, Map.of(), 0);
        assertThat(s3.outcome()).isEqualTo(Outcome.DONE);
        assertThat(result(s3.dir())).isEqualTo(result(a.dir()));
        assertThat(Json.parse(Files.readString(s3.dir().result())).path("resumes").asInt()).isEqualTo(2);
        assertThat(s3.dir().hasCheckpoint()).isFalse();
    }

    @Test
    void aPriorRunsBackboneIsLoadedAsThePriorAndPlainByolHasNoHandover() throws Exception {
        ObjectNode priorConfig = config("none");
        priorConfig.putArray("classes").add(5).add(6).add(7).add(8).add(9);
        Run prior = train("prior", priorConfig, Map.of(), 0);
        assertThat(result(prior.dir()).path("handover_step").asLong()).isZero();
        ObjectNode student = config("input");
        student.putArray("classes").add(0).add(1).add(2).add(3).add(4);
        student.putObject("inputs").put("prior", "prior");
        Run s = train("student", student, Map.of("prior", prior.dir()), 0);
        assertThat(s.outcome()).isEqualTo(Outcome.DONE);
        assertThat(s.log()).contains("targets: 200 images through the input prior");
    }
}
