package io.frugal.methods.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.frugal.core.BadInputException;
import io.frugal.core.kind.Outcome;
import io.frugal.core.kind.StopSignal;
import io.frugal.core.store.Json;
import io.frugal.core.store.MetricsFile;
import io.frugal.core.store.RunDirectory;
import io.frugal.methods.config.RunConfig;
import io.frugal.methods.data.Augmentations;
import io.frugal.methods.data.DatasetCatalog;
import io.frugal.methods.data.DatasetLoader;
import io.frugal.methods.data.DatasetLocator;
import io.frugal.methods.data.ImageSet;
import io.frugal.methods.data.LoadedDataset;
import io.frugal.methods.train.ClassifierTrainer;
import io.frugal.methods.train.TrainOptions;
import io.frugal.methods.train.TrainingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A done classifier run's model/ folder rebuilds the network it evaluated. */
class ClassifierModelTest {
    static final Path DEBIAN = Path.of("/usr/share/datasets/fashion-mnist");

    @TempDir
    Path temp;

    static LoadedDataset fashionMnist() {
        assumeTrue(DatasetCatalog.standard().source("fashion-mnist").isCompleteIn(DEBIAN), DEBIAN + " not installed");
        DatasetLocator.Environment env = new DatasetLocator.Environment(k -> null, k -> null, Path.of("/nonexistent-home"),
                Path.of("/nonexistent-work"), DEBIAN.getParent());
        return new DatasetLoader(new DatasetLocator(env, DatasetCatalog.standard())).load("fashion-mnist");
    }

    @Test
    void theLoadedModelClassifiesTheTestSetExactlyAsTheLastEpochsEvaluationDid() {
        LoadedDataset data = fashionMnist();
        RunConfig config = RunConfig.parse(Json.parse("""
                {"experiment": "clf", "dataset": "fashion-mnist", "seed": 3, "trainer": "classifier", "epochs": 2, "batch_size": 50,
                 "model": {"name": "hvc", "width": 0.125}, "train_limit": 400, "test_limit": 300, "schedule": {"type": "full"}}"""));
        RunDirectory run = new RunDirectory(temp.resolve("clf"));
        Outcome outcome = new ClassifierTrainer().train(config, data, Augmentations.forDataset("fashion-mnist", true), run,
                TrainOptions.defaults(), new StopSignal(), TrainingListener.NONE);
        assertThat(outcome).isEqualTo(Outcome.DONE);
        List<String> lines = MetricsFile.lines(run.metrics());
        double lastEpochTop1 = Json.parse(lines.get(lines.size() - 1)).path("top1").asDouble();

        ImageSet test = data.test().head(300);
        try (ClassifierModel model = ClassifierModel.load(run)) {
            assertThat(model.dataset()).isEqualTo("fashion-mnist");
            assertThat(model.classes()).isEqualTo(10);
            int[] predicted = model.classify(test);
            long correct = 0;
            for (int i = 0; i < test.count(); i++) if (predicted[i] == test.labels()[i]) correct++;
            assertThat((double) correct / test.count()).isEqualTo(lastEpochTop1);
            // well above the 10 % of chance, so the weights are the trained ones, not an initialisation
            assertThat(lastEpochTop1).isGreaterThan(0.3);
        }
        JsonNode result = Json.read(run.result());
        assertThat(result.path("final_top1").asDouble()).isEqualTo(lastEpochTop1);
    }

    @Test
    void aRunWithoutAModelIsBadInputNamingIt() throws Exception {
        RunDirectory run = new RunDirectory(temp.resolve("empty"));
        Files.createDirectories(run.dir());
        assertThatThrownBy(() -> ClassifierModel.load(run)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("run empty left no model");
    }
}
