package io.frugal.methods.rela;

import io.frugal.core.BadInputException;
import io.frugal.core.kind.Outcome;
import io.frugal.core.kind.TrainContext;
import io.frugal.core.kind.Trainer;
import io.frugal.methods.data.ImageSet;
import io.frugal.methods.data.LoadedDataset;
import io.frugal.methods.data.RepresentationDatasets;
import io.frugal.methods.train.NativeLibrary;
import java.util.List;

/** Trains a byol run for {@code frugal train}: loads and filters its dataset, then {@link ByolTraining}. */
final class ByolRunTrainer implements Trainer {
    @Override
    public Outcome train(TrainContext context) {
        ByolConfig config = ByolConfig.parse(context.config());
        if (context.dir().isDone()) return Outcome.DONE;
        NativeLibrary.requireBundledBuildFits();
        LoadedDataset data = RepresentationDatasets.load(config.dataset());
        context.dataFiles().accept(data.fileSha256());
        int classes = config.classes() == null ? data.info().classes() : config.classes().size();
        ImageSet train = select(data.train(), config.classes(), config.trainLimit(), data.info().classes(), "training");
        ImageSet test = select(data.test(), config.classes(), config.testLimit(), data.info().classes(), "test");
        context.out().printf("frugal train: run %s: %s on %s, seed %d, %d epochs%s%n", context.dir().runId(), config.experiment(),
                config.dataset(), config.seed(), config.epochs(), context.dir().hasCheckpoint() ? " (resuming from checkpoint)" : "");
        context.out().flush();
        return new ByolTraining(config, train, test, classes, context.dir(), context.inputs(), context.out(),
                ByolTraining.defaultCacheDir(context.dir())).run(context.stop());
    }

    /**
     * The images of the listed classes (labels renumbered 0.. in the list's order), then the first
     * {@code limit} of them; all classes when {@code classes} is null.
     */
    static ImageSet select(ImageSet set, List<Integer> classes, Integer limit, int datasetClasses, String which) {
        ImageSet out = set;
        if (classes != null) {
            int[] map = new int[datasetClasses];
            java.util.Arrays.fill(map, -1);
            for (int i = 0; i < classes.size(); i++) {
                if (classes.get(i) >= datasetClasses) {
                    throw new BadInputException("classes: " + classes.get(i) + " is not a class of this dataset (0.." + (datasetClasses - 1) + ")");
                }
                map[classes.get(i)] = i;
            }
            int count = 0;
            for (int l : set.labels()) if (l >= 0 && l < datasetClasses && map[l] >= 0) count++;
            int size = set.imageSize();
            byte[] px = new byte[count * size];
            int[] labels = new int[count];
            int j = 0;
            for (int i = 0; i < set.count(); i++) {
                int l = set.labels()[i];
                if (l < 0 || l >= datasetClasses || map[l] < 0) continue;
                System.arraycopy(set.pixels(), i * size, px, j * size, size);
                labels[j++] = map[l];
            }
            out = new ImageSet(px, labels, count, set.channels(), set.height(), set.width());
        }
        if (limit != null) out = out.head(limit);
        if (out.count() < 2) throw new BadInputException("the " + which + " set has " + out.count() + " images after classes/limits; need at least 2");
        return out;
    }
}
