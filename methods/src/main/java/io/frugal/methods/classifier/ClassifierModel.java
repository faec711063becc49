package io.frugal.methods.classifier;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.JsonNode;
import io.frugal.core.BadInputException;
import io.frugal.core.store.RunDirectory;
import io.frugal.methods.data.Augmenter;
import io.frugal.methods.data.Augmentations;
import io.frugal.methods.data.ImageSet;
import io.frugal.methods.model.HvcNetwork;
import io.frugal.methods.model.HvcSpec;
import io.frugal.methods.train.ModelDirectory;
import io.frugal.methods.train.TensorFile;

/**
 * The evaluated network a done classifier run left in its model/ folder, rebuilt for inference:
 * what a flow model's run uses to tell the class of the images it generates. Batch norm runs in
 * inference mode, so a batch's predictions do not depend on the other images in it.
 */
public final class ClassifierModel implements AutoCloseable {
    private static final int BATCH = 256;

    private final String dataset;
    private final String runId;
    private final HvcNetwork network;
    private final NDManager manager;
    private final ParameterStore store;
    private final Augmenter view;

    private ClassifierModel(String dataset, String runId, HvcNetwork network, NDManager manager) {
        this.dataset = dataset;
        this.runId = runId;
        this.network = network;
        this.manager = manager;
        this.store = new ParameterStore(manager, false);
        this.view = Augmentations.forDataset(dataset, false);
    }

    /** Loads the model of a done classifier run; bad input naming the run if it has none or a damaged one. */
    public static ClassifierModel load(RunDirectory run) {
        TensorFile.Contents contents = ModelDirectory.read(run);
        JsonNode d = contents.meta();
        if (!"hvc".equals(d.path("network").asText())) {
            throw new BadInputException("run " + run.runId() + "'s model is not an HVC classifier (network '" + d.path("network").asText() + "')");
        }
        HvcSpec spec = new HvcSpec(d.path("channels").asInt(), d.path("height").asInt(), d.path("width").asInt(),
                d.path("classes").asInt(), d.path("convs").asInt(), d.path("width_multiplier").asDouble());
        // the seed only feeds initialisers, and every initialiser is replaced by the stored weights
        HvcNetwork network = HvcNetwork.create(spec, 0);
        java.nio.file.Path file = run.modelDir().resolve(ModelDirectory.WEIGHTS);
        for (Pair<String, Parameter> p : network.getParameters()) {
            String name = p.getKey();
            p.getValue().setInitializer((m, shape, type) -> contents.tensor(file, name, shape.getShape()).toArray(m));
        }
        NDManager manager = NDManager.newBaseManager();
        try {
            network.initialize(manager, DataType.FLOAT32, network.inputShape(1));
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
        return new ClassifierModel(d.path("dataset").asText(), run.runId(), network, manager);
    }

    public String dataset() {
        return dataset;
    }

    public String runId() {
        return runId;
    }

    public int classes() {
        return network.spec().classes();
    }

    /** The input one image has: channels × height × width floats (stored pixel / 255). */
    public Shape imageShape() {
        HvcSpec s = network.spec();
        return new Shape(s.channels(), s.height(), s.width());
    }

    /** The predicted class of every image of {@code set}, through the evaluation view the run was tested with. */
    public int[] classify(ImageSet set) {
        int size = view.inputSize();
        float[] inputs = new float[set.count() * size];
        for (int i = 0; i < set.count(); i++) view.eval(set, i, inputs, i * size);
        return classify(inputs, set.count());
    }

    /** The logits of {@code count} images given as network input (C×H×W each, stored pixel / 255). */
    public float[][] logits(float[] inputs, int count) {
        int size = Math.toIntExact(imageShape().size());
        if (inputs.length < (long) count * size) throw new IllegalArgumentException(count + " images need " + (long) count * size + " floats");
        float[][] out = new float[count][];
        for (int start = 0; start < count; start += BATCH) {
            int n = Math.min(BATCH, count - start);
            try (NDManager batch = manager.newSubManager()) {
                float[] chunk = java.util.Arrays.copyOfRange(inputs, start * size, (start + n) * size);
                NDArray x = batch.create(chunk, network.inputShape(n));
                float[] l = network.forward(store, new NDList(x), false).singletonOrThrow().toFloatArray();
                for (int i = 0; i < n; i++) out[start + i] = java.util.Arrays.copyOfRange(l, i * classes(), (i + 1) * classes());
            }
        }
        return out;
    }

    /** The largest logit's class of each of {@code count} images given as network input. */
    public int[] classify(float[] inputs, int count) {
        float[][] l = logits(inputs, count);
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            int best = 0;
            for (int c = 1; c < l[i].length; c++) if (l[i][c] > l[i][best]) best = c;
            out[i] = best;
        }
        return out;
    }

    @Override
    public void close() {
        manager.close();
    }
}
