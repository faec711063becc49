package io.frugal.methods.flowimages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frugal.core.kind.Outcome;
import io.frugal.core.kind.StopSignal;
import io.frugal.core.kind.TrainContext;
import io.frugal.core.store.Json;
import io.frugal.core.store.MetricsFile;
import io.frugal.core.store.RunDirectory;
import io.frugal.methods.data.DatasetCatalog;
import io.frugal.methods.data.Datasets;
import io.frugal.methods.model.HvcNetwork;
import io.frugal.methods.model.HvcSpec;
import io.frugal.methods.train.ModelDirectory;
import io.frugal.methods.train.TensorFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tiny real flow-images runs on Fashion-MNIST. The labelling classifier here is an HVC network
 * at its seeded initialisation, written as a classifier run's model/ folder: what is tested is the
 * denoiser's training, resume and the measurements' plumbing, which do not depend on how good the
 * labels are (a trained classifier labels the manifest's runs).
 */
class FlowImagesTrainerTest {
    static {
        // One intra-op thread: on this machine's libtorch two threads already give two fresh runs
        // different last digits in epoch 1 (as ClassifierTrainerTest's repeat test shows); with one
        // the runs, resumed or not, agree bit for bit. Only takes effect if the engine is not loaded yet.
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", "1");
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
    }

    @TempDir
    static Path shared;
    static RunDirectory classifier;

    static final String CONFIG = """
            {"experiment": "fi", "dataset": "fashion-mnist", "seed": 4, "trainer": "flow-images",
             "classes": [1, 9], "proportions": [0.75, 0.25], "train_size": 64, "batch_size": 16, "epochs": 3,
             "denoiser": {"channels": [4, 8], "time_features": 8}, "optimizer": {"lr": 0.001, "warmup_steps": 3},
             "time_sampling": {"type": "sections", "sections": [{"from": 0, "to": 0.4, "share": 0.25},
                 {"from": 0.4, "to": 0.8, "share": 0.5}, {"from": 0.8, "to": 1, "share": 0.25}]},
             "sampler_steps": 6, "samples": 10, "uturn": {"times": [0.6, 0.3], "images": 4},
             "inputs": {"classifier": "clf"}}""";

    @BeforeAll
    static void untrainedClassifierRun() {
        assumeTrue(DatasetCatalog.standard().source("fashion-mnist").isCompleteIn(Path.of("/usr/share/datasets/fashion-mnist")));
        classifier = new RunDirectory(shared.resolve("clf"));
        HvcSpec spec = HvcSpec.forDataset(Datasets.info("fashion-mnist"), 0.125);
        HvcNetwork net = HvcNetwork.create(spec, 1);
        try (NDManager m = NDManager.newBaseManager()) {
            net.initialize(m, DataType.FLOAT32, net.inputShape(1));
            Map<String, ai.djl.ndarray.NDArray> w = new LinkedHashMap<>();
            for (Pair<String, Parameter> p : net.getParameters()) w.put(p.getKey(), p.getValue().getArray());
            ObjectNode d = Json.object();
            d.put("network", "hvc").put("dataset", "fashion-mnist").put("channels", 1).put("height", 28).put("width", 28)
                    .put("classes", 10).put("convs", spec.convs()).put("width_multiplier", 0.125);
            ModelDirectory.write(classifier, d, w);
        }
    }

    static Outcome train(RunDirectory dir, StopSignal stop, Writer log) {
        JsonNode config = Json.parse(CONFIG);
        return new FlowImagesKind().trainer().train(new TrainContext(dir, config, Map.of("classifier", classifier), 1, stop,
                new PrintWriter(log, true), files -> {}));
    }

    @Test
    void trainsMeasuresAndResumesFromAStopToTheSameNumbers() {
        RunDirectory whole = new RunDirectory(shared.resolve("whole"));
        assertThat(train(whole, new StopSignal(), new StringWriter())).isEqualTo(Outcome.DONE);
        JsonNode r = Json.read(whole.result());
        assertThat(r.path("evaluations").asLong()).isEqualTo(3 * 4 * 16);
        assertThat(r.path("optimizer_steps").asLong()).isEqualTo(12);
        assertThat(r.path("proportion_error").asDouble()).isEqualTo(Math.abs(r.path("proportion_a").asDouble() - 0.75));
        assertThat(r.path("uturn").path("from_a")).hasSize(2);
        assertThat(r.path("window_share").asDouble()).isEqualTo(0.5);
        List<String> lines = MetricsFile.lines(whole.metrics());
        assertThat(lines).hasSize(3);
        assertThat(whole.hasCheckpoint()).isFalse();

        // stop as soon as the first epoch is reported: the run checkpoints at the epoch boundary
        RunDirectory stopped = new RunDirectory(shared.resolve("stopped"));
        StopSignal stop = new StopSignal();
        Writer stopAfterEpoch1 = new StringWriter() {
            @Override
            public void write(String s, int off, int len) {
                super.write(s, off, len);
                if (toString().contains("epoch 1/3")) stop.request("test");
            }
        };
        assertThat(train(stopped, stop, stopAfterEpoch1)).isEqualTo(Outcome.INTERRUPTED);
        assertThat(stopped.hasCheckpoint()).isTrue();
        assertThat(MetricsFile.lines(stopped.metrics())).hasSize(1);
        assertThat(train(stopped, new StopSignal(), new StringWriter())).isEqualTo(Outcome.DONE);

        assertThat(withoutTimes(MetricsFile.lines(stopped.metrics()))).isEqualTo(withoutTimes(lines));
        JsonNode again = Json.read(stopped.result());
        for (String k : List.of("proportion_a", "other_fraction", "final_loss", "uturn", "classifier_two_class_accuracy")) {
            assertThat(again.path(k)).as(k).isEqualTo(r.path(k));
        }
        assertThat(again.path("resumes").asInt()).isEqualTo(1);
        TensorFile.Contents a = ModelDirectory.read(whole);
        TensorFile.Contents b = ModelDirectory.read(stopped);
        assertThat(b.tensors().keySet()).isEqualTo(a.tensors().keySet());
        a.tensors().forEach((name, t) -> assertThat(b.tensors().get(name).values()).as(name).isEqualTo(t.values()));
    }

    private static List<String> withoutTimes(List<String> lines) {
        return lines.stream().map(l -> {
            ObjectNode o = (ObjectNode) Json.parse(l);
            o.remove("train_seconds");
            return Json.compact(o);
        }).toList();
    }
}
