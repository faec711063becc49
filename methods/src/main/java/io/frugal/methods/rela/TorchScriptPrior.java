package io.frugal.methods.rela;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.frugal.core.BadInputException;
import io.frugal.methods.data.ImageSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A prior exported as TorchScript (how public models such as CLIP's image tower are shipped), loaded
 * offline by DJL's PyTorch engine from a file path. The module must map images [B, C, H, W] with
 * values in [0, 1] to features [B, m] (any normalisation it needs belongs inside the export). Its
 * input shape is checked once with a two-image batch of this run's image size.
 */
final class TorchScriptPrior implements AutoCloseable {
    private final Model model;
    private final Block block;
    private final int featureDim;
    private final String sha256;

    private TorchScriptPrior(Model model, int featureDim, String sha256) {
        this.model = model;
        this.block = model.getBlock();
        this.featureDim = featureDim;
        this.sha256 = sha256;
    }

    static TorchScriptPrior load(Path file, int channels, int side) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read the prior (" + e.getMessage() + ")");
        }
        Model model = Model.newInstance("prior", "PyTorch");
        try {
            model.load(file.getParent(), file.getFileName().toString());
        } catch (Exception e) {
            model.close();
            throw new BadInputException(file + ": not a TorchScript file DJL's PyTorch engine can load (" + firstLine(e) + ")");
        }
        int dim;
        try (NDManager m = model.getNDManager().newSubManager()) {
            NDArray probe = m.zeros(new Shape(2, channels, side, side));
            NDArray out = model.getBlock().forward(new ParameterStore(m, false), new NDList(probe), false).singletonOrThrow();
            if (out.getShape().dimension() != 2 || out.getShape().get(0) != 2) {
                throw new BadInputException(file + ": the TorchScript prior must return features [B, m]; for a batch of "
                        + "[2, " + channels + ", " + side + ", " + side + "] it returned " + out.getShape());
            }
            dim = (int) out.getShape().get(1);
        } catch (BadInputException e) {
            model.close();
            throw e;
        } catch (RuntimeException e) {
            model.close();
            throw new BadInputException(file + ": the TorchScript prior does not take this run's " + channels + "x" + side + "x" + side
                    + " images (" + firstLine(e) + ")");
        }
        return new TorchScriptPrior(model, dim, BackboneFile.sha256(bytes));
    }

    int featureDim() {
        return featureDim;
    }

    String sha256() {
        return sha256;
    }

    /** The prior's features of every image of {@code set}: [count, m]. */
    float[] embed(ImageSet set) {
        int batch = 256;
        float[] out = new float[set.count() * featureDim];
        try (NDManager m = model.getNDManager().newSubManager()) {
            ParameterStore store = new ParameterStore(m, false);
            for (int from = 0; from < set.count(); from += batch) {
                int count = Math.min(batch, set.count() - from);
                try (NDManager scope = m.newSubManager()) {
                    NDArray x = scope.create(ByolTraining.plain(set, from, count), new Shape(count, set.channels(), set.height(), set.width()));
                    float[] f = block.forward(store, new NDList(x), false).singletonOrThrow().toFloatArray();
                    System.arraycopy(f, 0, out, from * featureDim, f.length);
                }
            }
        }
        return out;
    }

    private static String firstLine(Exception e) {
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = msg.indexOf('\n');
        return nl < 0 ? msg : msg.substring(0, nl);
    }

    @Override
    public void close() {
        model.close();
    }
}
