package io.frugal.methods.rela;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frugal.core.store.Json;
import io.frugal.core.store.RunDirectory;
import io.frugal.methods.data.ImageSet;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Times the byol trainer's own BYOL step for {@code frugal bench byol}: a real {@link ByolTraining}
 * on the images handed in (ResNet-18 with the CIFAR stem at a width, a batch size, BYOL's views,
 * AdamW, the moving-average target), warm-up steps first, then timed steps with a hook run between
 * them (the bench runs the Python peer's step there, so both sides of a pair see the same load).
 */
public final class ByolStepTiming {
    /** The backbone the benchmark trains. */
    public static final String BACKBONE = "resnet18";

    /**
     * stepSeconds: whole steps as the trainer takes them; viewSeconds: the part of each spent drawing
     * BYOL's two augmented views in Java; onlineValues / targetValues: trained values of backbone +
     * projector + predictor, and of the target's backbone + projector.
     */
    public record Timing(List<Double> stepSeconds, List<Double> viewSeconds, long onlineValues, long targetValues) {}

    private ByolStepTiming() {}

    public static Timing measure(ImageSet images, double width, int batch, int warmup, int steps, Runnable between) {
        ObjectNode raw = (ObjectNode) Json.parse("""
                {"experiment": "bench", "dataset": "cifar10", "seed": 1, "trainer": "byol", "epochs": 1,
                 "backbone": {"name": "%s", "width": %s}, "batch_size": %d, "probe": {"epochs": 3}}"""
                .formatted(BACKBONE, Double.toString(width), batch));
        ByolConfig config = ByolConfig.parse(raw);
        // nothing is written: the run directory and target cache are never touched by timed steps
        RunDirectory unused = new RunDirectory(Path.of("frugal-bench-byol-unused"));
        ByolTraining training = new ByolTraining(config, images, images, 10, unused, Map.of(), new PrintWriter(Writer.nullWriter()),
                Path.of("frugal-bench-byol-unused-cache"));
        ByolTraining.StepTimes t = training.timeByolSteps(warmup, steps, between);
        return new Timing(t.stepSeconds(), t.viewSeconds(), t.onlineValues(), t.targetValues());
    }

    /**
     * Trained values of the online networks (backbone + projector + predictor) at this width, and of
     * the target (backbone + projector), without training: what the peer's networks must match.
     */
    public static long[] trainedValues(int channels, double width) {
        Backbone backbone = new BackboneSpec(BACKBONE, width, channels).create(1);
        int d = backbone.featureDim();
        ByolMlp projector = ByolMlp.projector(d, 1);
        ByolMlp predictor = ByolMlp.predictor(d, 1);
        try (NDManager manager = NDManager.newBaseManager()) {
            backbone.initialize(manager, DataType.FLOAT32, new Shape(2, channels, 32, 32));
            projector.initialize(manager, DataType.FLOAT32, new Shape(2, d));
            predictor.initialize(manager, DataType.FLOAT32, new Shape(2, ByolMlp.OUTPUT_DIM));
            long target = Backbone.trainableParameterCount(backbone) + Backbone.trainableParameterCount(projector);
            return new long[] {target + Backbone.trainableParameterCount(predictor), target};
        }
    }
}
