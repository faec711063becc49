package io.frugal.methods.train;

import io.frugal.core.kind.StopSignal;
import io.frugal.core.kind.Outcome;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frugal.core.BadInputException;
import io.frugal.methods.config.RunConfig;
import io.frugal.methods.data.Datasets;
import io.frugal.methods.data.LoadedDataset;
import io.frugal.core.store.Json;
import io.frugal.core.store.RunDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassifierTrainerTest {
    private static final LoadedDataset DATA = SyntheticBlobs.dataset(300, 100);
    private static final int EPOCHS = 4;

    @TempDir
    static Path shared;
    private static RunDirectory baseline;
    private static Outcome baselineOutcome;

    @TempDir
    Path temp;

    /** lr 2e-3 halved per epoch with a floor of 3e-4: 2e-3, 1e-3, 5e-4, then the floor. */
    static RunConfig config(int epochs, String schedule) {
        String json = """
                {"experiment": "test", "dataset": "mnist", "seed": 5, "epochs": %d, "batch_size": 30,
                 "model": {"width": 0.125},
                 "optimizer": {"lr": 0.002, "decay_per_epoch": 0.5, "lr_floor": 0.0003},
                 "schedule": %s, "resources": {"time": "00:10:00"}}""".formatted(epochs, schedule);
        return RunConfig.parse(Json.parse(json));
    }

    static RunConfig fullConfig() {
        return config(EPOCHS, "{\"type\": \"full\"}");
    }

    static Outcome train(RunDirectory dir, RunConfig config, LoadedDataset data, StopSignal stop, TrainingListener listener) {
        return new ClassifierTrainer().train(config, data, new SyntheticBlobs.Normalising(), dir, TrainOptions.defaults(), stop, listener);
    }

    @BeforeAll
    static void trainBaseline() {
        baseline = new RunDirectory(shared.resolve("baseline"));
        baselineOutcome = train(baseline, fullConfig(), DATA, new StopSignal(), TrainingListener.NONE);
    }

    @Test
    void learnsTheSyntheticClassesWellAboveChance() {
        assertThat(baselineOutcome).isEqualTo(Outcome.DONE);
        JsonNode result = Json.read(baseline.result());
        assertThat(result.path("status").asText()).isEqualTo("done");
        assertThat(result.path("run_id").asText()).isEqualTo("baseline");
        assertThat(result.path("final_top1").asDouble()).isGreaterThan(0.6);
        assertThat(result.path("best_top1").asDouble()).isGreaterThanOrEqualTo(result.path("final_top1").asDouble());
        assertThat(result.path("best_epoch").asInt()).isBetween(1, EPOCHS);
        assertThat(result.path("evaluations").asLong()).isEqualTo(300L * EPOCHS).isEqualTo(result.path("planned_evaluations").asLong());
        assertThat(result.path("resumes").asInt()).isZero();
        assertThat(result.path("finished_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        List<JsonNode> metrics = metrics(baseline);
        assertThat(metrics).hasSize(EPOCHS);
        assertThat(metrics.get(EPOCHS - 1).path("loss").asDouble()).isLessThan(metrics.get(0).path("loss").asDouble());
        // done runs keep metrics, result and the evaluated model; the checkpoint is deleted after result.json exists
        assertThat(files(baseline)).containsExactlyInAnyOrder("metrics.jsonl", "model/weights.tensors", "result.json");
    }

    @Test
    void learningRateDecaysPerEpochDownToTheFloor() {
        assertThat(metrics(baseline).stream().map(m -> m.path("lr").asDouble()).toList())
                .containsExactly(2e-3, 1e-3, 5e-4, 3e-4);
    }

    @Test
    void aSecondRunGivesIdenticalMetricsAndNoArraysPileUp() {
        RunDirectory again = new RunDirectory(temp.resolve("again"));
        List<Integer> liveArrays = new ArrayList<>();
        try (NDManager parent = NDManager.newBaseManager()) {
            TrainingListener countArrays = new TrainingListener() {
                @Override
                public void epochFinished(EpochMetrics m) {
                    liveArrays.add(parent.getManagedArrays().size());
                }
            };
            Outcome outcome = new ClassifierTrainer(parent::newSubManager).train(fullConfig(), DATA, new SyntheticBlobs.Normalising(),
                    again, TrainOptions.defaults(), new StopSignal(), countArrays);
            assertThat(outcome).isEqualTo(Outcome.DONE);
        }
        assertThat(withoutTimes(metrics(again))).isEqualTo(withoutTimes(metrics(baseline)));
        assertThat(topOnes(again)).isEqualTo(topOnes(baseline));
        assertThat(liveArrays).hasSize(EPOCHS).allMatch(n -> n.equals(liveArrays.get(0)));
    }

    /**
     * With libc10's junk fill on, every tensor libtorch allocates starts as NaN: a kernel that reads
     * memory it never wrote (libtorch's oneDNN convolutions read their padded channels, see OneDnn)
     * then makes the run diverge in its first batch instead of once in a while. The run must give
     * the baseline's numbers exactly.
     */
    @Test
    void memoryLibtorchNeverWroteCannotReachTheResults() {
        assertThat(JunkFill.set(true)).as("libc10's junk-fill flag bound through JNA").isTrue();
        try {
            RunDirectory dir = new RunDirectory(temp.resolve("junk"));
            assertThat(train(dir, fullConfig(), DATA, new StopSignal(), TrainingListener.NONE)).isEqualTo(Outcome.DONE);
            assertThat(withoutTimes(metrics(dir))).isEqualTo(withoutTimes(metrics(baseline)));
            assertThat(topOnes(dir)).isEqualTo(topOnes(baseline));
        } finally {
            JunkFill.set(false);
        }
    }

    @Test
    void stoppedRunsResumeToExactlyTheUninterruptedMetrics() throws IOException {
        RunDirectory dir = new RunDirectory(temp.resolve("stopped"));
        // first stop: mid-epoch, after batch 3 of epoch 1
        StopSignal stop = new StopSignal();
        Outcome first = train(dir, fullConfig(), DATA, stop, stopAt(stop, 0, 2));
        assertThat(first).isEqualTo(Outcome.INTERRUPTED);
        assertThat(dir.isDone()).isFalse();
        assertThat(metrics(dir)).isEmpty();
        assertThat(files(dir)).containsExactlyInAnyOrder("metrics.jsonl", "checkpoint/latest.ckpt");

        // second stop: after the last batch of epoch 2, before its evaluation
        stop = new StopSignal();
        Outcome second = train(dir, fullConfig(), DATA, stop, stopAt(stop, 1, 9));
        assertThat(second).isEqualTo(Outcome.INTERRUPTED);
        assertThat(metrics(dir)).hasSize(1);
        // a line logged just before a kill, ahead of the checkpoint, must not survive the resume
        Files.writeString(dir.metrics(), "{\"epoch\": 2, \"top1\": 0.01}\n", StandardOpenOption.APPEND);

        Outcome third = train(dir, fullConfig(), DATA, new StopSignal(), TrainingListener.NONE);
        assertThat(third).isEqualTo(Outcome.DONE);
        assertThat(withoutTimes(metrics(dir))).isEqualTo(withoutTimes(metrics(baseline)));
        assertThat(topOnes(dir)).isEqualTo(topOnes(baseline));
        assertThat(Json.read(dir.result()).path("resumes").asInt()).isEqualTo(2);
        assertThat(files(dir)).containsExactlyInAnyOrder("metrics.jsonl", "model/weights.tensors", "result.json");
        // done means done: a further call trains nothing
        assertThat(train(dir, fullConfig(), DATA, new StopSignal(), failOnAnyBatch())).isEqualTo(Outcome.DONE);
    }

    @Test
    void aDamagedCheckpointIsBadInputAndNothingIsWritten() throws IOException {
        RunDirectory dir = new RunDirectory(temp.resolve("damaged"));
        StopSignal stop = new StopSignal();
        assertThat(train(dir, fullConfig(), DATA, stop, stopAt(stop, 0, 1))).isEqualTo(Outcome.INTERRUPTED);
        byte[] whole = Files.readAllBytes(dir.checkpoint());
        Files.write(dir.checkpoint(), java.util.Arrays.copyOf(whole, whole.length / 2));
        byte[] metricsBefore = Files.readAllBytes(dir.metrics());
        assertThatThrownBy(() -> train(dir, fullConfig(), DATA, new StopSignal(), TrainingListener.NONE))
                .isInstanceOf(BadInputException.class).hasMessageContaining("latest.ckpt").hasMessageContaining("truncated");
        assertThat(Files.readAllBytes(dir.metrics())).isEqualTo(metricsBefore);
        assertThat(Files.readAllBytes(dir.checkpoint())).hasSize(whole.length / 2);
        assertThat(dir.isDone()).isFalse();
    }

    @Test
    void aCheckpointOfAnotherConfigIsRefused() {
        RunDirectory dir = new RunDirectory(temp.resolve("other"));
        StopSignal stop = new StopSignal();
        assertThat(train(dir, fullConfig(), DATA, stop, stopAt(stop, 0, 0))).isEqualTo(Outcome.INTERRUPTED);
        RunConfig other = config(EPOCHS + 1, "{\"type\": \"full\"}");
        assertThatThrownBy(() -> train(dir, other, DATA, new StopSignal(), TrainingListener.NONE))
                .isInstanceOf(BadInputException.class).hasMessageContaining("different config");
    }

    @Test
    void aStepScheduleTrainsExactlyThePlannedEvaluationsWithoutSingletonBatches() {
        // 301 images: epoch 1 trains round(0.5 * 301) = 151 = 5*30 + 1, epoch 2 all 301 = 10*30 + 1
        LoadedDataset data = SyntheticBlobs.dataset(301, 40);
        RunConfig config = config(2, "{\"type\": \"step\", \"start_fraction\": 0.5, \"full_from\": 0.5}");
        List<List<Integer>> batchSizes = List.of(new ArrayList<>(), new ArrayList<>());
        RunDirectory dir = new RunDirectory(temp.resolve("step"));
        Outcome outcome = train(dir, config, data, new StopSignal(), new TrainingListener() {
            @Override
            public void batchFinished(int epoch, int batch, int batches, int images, double loss) {
                batchSizes.get(epoch).add(images);
            }
        });
        assertThat(outcome).isEqualTo(Outcome.DONE);
        assertThat(batchSizes.get(0)).containsExactly(30, 30, 30, 30, 31);
        assertThat(batchSizes.get(1)).containsExactly(30, 30, 30, 30, 30, 30, 30, 30, 30, 31);
        List<JsonNode> metrics = metrics(dir);
        assertThat(metrics.stream().map(m -> m.path("images").asInt()).toList()).containsExactly(151, 301);
        assertThat(metrics.stream().map(m -> m.path("evaluations").asLong()).toList()).containsExactly(151L, 452L);
        assertThat(metrics.stream().map(m -> m.path("fraction").asDouble()).toList()).containsExactly(0.5, 1.0);
        long planned = config.schedule().evaluations(2, 301);
        JsonNode result = Json.read(dir.result());
        assertThat(result.path("evaluations").asLong()).isEqualTo(planned).isEqualTo(452);
        assertThat(result.path("planned_evaluations").asLong()).isEqualTo(planned);
    }

    @Test
    void anAugmenterOfTheWrongShapeIsBadInputAndNothingIsWritten() {
        RunDirectory dir = new RunDirectory(temp.resolve("wrong-shape"));
        assertThatThrownBy(() -> new ClassifierTrainer().train(fullConfig(), DATA, new SyntheticBlobs.Normalising(3, 32, 32), dir,
                TrainOptions.defaults(), new StopSignal(), TrainingListener.NONE))
                .isInstanceOf(BadInputException.class).hasMessageContaining("3x32x32").hasMessageContaining("1x28x28");
        assertThat(Files.exists(dir.dir())).isFalse();
    }

    @Test
    void metricsCarryEveryFieldOfTheRunStoreContract() {
        JsonNode first = metrics(baseline).get(0);
        assertThat(first.path("epoch").asInt()).isEqualTo(1);
        assertThat(first.path("fraction").asDouble()).isEqualTo(1.0);
        assertThat(first.path("images").asInt()).isEqualTo(300);
        assertThat(first.path("evaluations").asLong()).isEqualTo(300);
        assertThat(first.path("top1").asDouble()).isBetween(0.0, 1.0);
        assertThat(first.path("train_seconds").asDouble()).isPositive();
        assertThat(first.path("eval_seconds").asDouble()).isPositive();
        assertThat(first.path("loss").asDouble()).isCloseTo(Math.log(10), within(1.5));
    }

    private static TrainingListener stopAt(StopSignal stop, int epoch, int batch) {
        return new TrainingListener() {
            @Override
            public void batchFinished(int e, int b, int batches, int images, double loss) {
                if (e == epoch && b == batch) stop.request("test stop after epoch " + e + " batch " + b);
            }
        };
    }

    private static TrainingListener failOnAnyBatch() {
        return new TrainingListener() {
            @Override
            public void batchFinished(int e, int b, int batches, int images, double loss) {
                throw new AssertionError("a done run was trained again");
            }
        };
    }

    static List<JsonNode> metrics(RunDirectory dir) {
        try {
            return Files.readAllLines(dir.metrics(), StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).map(Json::parse).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> withoutTimes(List<JsonNode> metrics) {
        return metrics.stream().map(m -> {
            ObjectNode copy = ((ObjectNode) m).deepCopy();
            copy.remove(List.of("train_seconds", "eval_seconds"));
            return Json.compact(copy);
        }).toList();
    }

    private static List<Double> topOnes(RunDirectory dir) {
        JsonNode r = Json.read(dir.result());
        return List.of(r.path("final_top1").asDouble(), r.path("best_top1").asDouble(), r.path("best_epoch").asDouble());
    }

    /** Every file under the run directory, relative, so stray temp files show up. */
    private static List<String> files(RunDirectory dir) {
        try (Stream<Path> s = Files.walk(dir.dir())) {
            return s.filter(Files::isRegularFile).map(p -> dir.dir().relativize(p).toString()).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
