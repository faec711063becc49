package io.frugal.methods.flowimages;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.frugal.methods.train.OneDnn;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frugal.core.BadInputException;
import io.frugal.core.kind.CommonConfig;
import io.frugal.core.kind.Outcome;
import io.frugal.core.kind.TrainContext;
import io.frugal.core.kind.Trainer;
import io.frugal.core.store.Json;
import io.frugal.core.store.ResultFile;
import io.frugal.core.store.RunDirectory;
import io.frugal.methods.classifier.ClassifierModel;
import io.frugal.methods.data.DatasetLoader;
import io.frugal.methods.data.LoadedDataset;
import io.frugal.methods.train.ModelDirectory;
import io.frugal.methods.train.NativeLibrary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;

/**
 * A flow-images run: trains the denoiser on the two-class training set, then generates images and
 * labels them with the classifier run it needs, runs the U-turn from real test images of each
 * class, and writes model/ (the denoiser), then result.json. Sampling and the U-turn are not
 * checkpointed: they are deterministic, so a run killed during them repeats them from the trained
 * denoiser's checkpoint.
 */
final class FlowImagesTrainer implements Trainer {
    @Override
    public Outcome train(TrainContext context) {
        long start = System.nanoTime();
        RunDirectory dir = context.dir();
        if (dir.isDone()) return Outcome.DONE;
        FlowImagesConfig c = FlowImagesConfig.parse(context.config());
        RunDirectory classifierRun = context.inputs().get(FlowImagesKind.CLASSIFIER_ROLE);
        if (classifierRun == null) throw new BadInputException("a flow-images run needs a classifier run (needs: {classifier: EXPERIMENT})");
        NativeLibrary.requireBundledBuildFits();
        LoadedDataset data = DatasetLoader.system().load(c.dataset());
        context.dataFiles().accept(data.fileSha256());
        try (ClassifierModel classifier = ClassifierModel.load(classifierRun)) {
            if (!classifier.dataset().equals(c.dataset())) {
                throw new BadInputException("classifier run " + classifierRun.runId() + " was trained on " + classifier.dataset()
                        + ", this run generates " + c.dataset() + " images");
            }
            if (classifier.classes() <= Math.max(c.classA(), c.classB())) {
                throw new BadInputException("classifier run " + classifierRun.runId() + " knows " + classifier.classes() + " classes, not class "
                        + Math.max(c.classA(), c.classB()));
            }
            TwoClassImages train = TwoClassImages.trainingSet(data.train(), c);
            context.out().printf("frugal train: run %s: %s on %s classes %d/%d at %.0f/%.0f %%, seed %d, %d epochs x %d steps%s%n", dir.runId(),
                    c.experiment(), c.dataset(), c.classA(), c.classB(), 100 * c.proportionA(), 100 * (1 - c.proportionA()), c.seed(), c.epochs(),
                    c.stepsPerEpoch(), dir.hasCheckpoint() ? " (resuming from checkpoint)" : "");
            context.out().flush();
            Engine.getInstance().setRandomSeed((int) (c.seed() ^ (c.seed() >>> 32)));
            // the denoiser's convolutions: libtorch's oneDNN ones are wrong on some CPUs (OneDnn says why)
            OneDnn.disable();
            try (NDManager manager = NDManager.newBaseManager()) {
                ObjectNode copy = ((ObjectNode) context.config()).deepCopy();
                copy.remove(CommonConfig.NOT_HASHED);
                DenoiserTraining training = new DenoiserTraining(c, train, dir, manager, Json.sha256(copy));
                if (!training.run(context.stop(), context.out(), start)) return Outcome.INTERRUPTED;
                long evalStart = System.nanoTime();
                FlowImagesEvaluation.Measured m = new FlowImagesEvaluation(c, training.network, training.store(), classifier, manager)
                        .measure(data.test(), context.out());
                double evalSeconds = (System.nanoTime() - evalStart) / 1e9;
                finish(c, dir, training, m, classifierRun, evalSeconds, training.wallSeconds(start));
            }
        }
        return Outcome.DONE;
    }

    private static void finish(FlowImagesConfig c, RunDirectory dir, DenoiserTraining training, FlowImagesEvaluation.Measured m,
                               RunDirectory classifierRun, double evalSeconds, double wallSeconds) {
        long images = training.optimizerSteps() * c.batchSize();
        if (images != c.totalSteps() * c.batchSize()) throw new IllegalStateException("denoised " + images + " images, planned " + c.totalSteps() * c.batchSize());
        ObjectNode model = Json.object();
        model.put("network", "flow-images-denoiser");
        model.put("run_id", dir.runId());
        ArrayNode ch = model.putArray("channels");
        c.channels().forEach(ch::add);
        model.put("time_features", c.timeFeatures());
        model.put("image_size", c.imageSize());
        model.put("schedule", "VP, beta_min 0.1, beta_max 20, epsilon prediction");
        ModelDirectory.write(dir, model, training.arrays(false));

        ObjectNode r = Json.object();
        r.put("status", "done");
        r.put("run_id", dir.runId());
        r.put("experiment", c.experiment());
        r.put("dataset", c.dataset());
        r.put("seed", c.seed());
        r.put("proportion_error", Math.abs(m.proportionA() - c.proportionA()));
        r.put("proportion_a", m.proportionA());
        r.put("other_fraction", m.otherFraction());
        r.put("final_loss", training.metrics().get(training.metrics().size() - 1).path("loss").asDouble());
        r.put("target", c.proportionA());
        ArrayNode classes = r.putArray("classes");
        classes.add(c.classA()).add(c.classB());
        r.put("samples", m.samples());
        r.put("classifier_run", classifierRun.runId());
        r.put("classifier_two_class_accuracy", m.classifierAccuracy());
        r.set("uturn", m.uturn());
        // the U-turn time at which half of the minority class's starts end as the majority class
        double half = io.frugal.methods.flow.UTurn.halfCrossing(numbers(m.uturn().path("t0")), numbers(m.uturn().path("from_b")));
        if (Double.isFinite(half)) r.put(UTURN_T0_HALF, half);
        if (m.switchInterval() == null) {
            r.putNull("switch_interval");
        } else {
            r.putArray("switch_interval").add(m.switchInterval().lo()).add(m.switchInterval().hi());
        }
        r.put("time_sampling", c.timeSampling().type());
        r.put("window_share", c.timeSampling().shareIn(0.4, 0.8));
        r.put("denoiser_parameters", Denoiser.parameterCount(training.network));
        r.put("epochs", c.epochs());
        r.put("optimizer_steps", training.optimizerSteps());
        r.put("evaluations", images);
        r.put("planned_evaluations", c.totalSteps() * c.batchSize());
        r.put("train_seconds", training.trainSeconds);
        r.put("eval_seconds", evalSeconds);
        r.put("wall_seconds", wallSeconds);
        r.put("resumes", training.resumes);
        r.put("finished_at", Instant.now().toString());
        ResultFile.write(dir, r);
        try {
            Files.deleteIfExists(dir.checkpoint());
            if (Files.isDirectory(dir.checkpointDir())) {
                try (var left = Files.list(dir.checkpointDir())) {
                    if (left.findAny().isEmpty()) Files.delete(dir.checkpointDir());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the checkpoint of finished run " + dir.runId() + ": " + e.getMessage(), e);
        }
    }

    static final String UTURN_T0_HALF = "uturn_t0_half";

    private static double[] numbers(com.fasterxml.jackson.databind.JsonNode a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < a.size(); i++) out[i] = a.get(i).isNumber() ? a.get(i).asDouble() : Double.NaN;
        return out;
    }
}
