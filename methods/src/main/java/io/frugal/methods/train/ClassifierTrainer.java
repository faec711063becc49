package io.frugal.methods.train;

import io.frugal.core.kind.CommonConfig;
import io.frugal.core.kind.StopSignal;
import io.frugal.core.kind.Outcome;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frugal.core.BadInputException;
import io.frugal.methods.config.RunConfig;
import io.frugal.methods.data.Augmenter;
import io.frugal.methods.data.DatasetInfo;
import io.frugal.methods.data.ImageSet;
import io.frugal.methods.data.LoadedDataset;
import io.frugal.methods.model.HvcSpec;
import io.frugal.core.store.Json;
import io.frugal.core.store.RunDirectory;
import java.util.function.Supplier;

/**
 * Trains an image classifier (the HVC network) for one run, as the README's method notes ("Training
 * setup") describe, writing metrics.jsonl, checkpoint/latest.ckpt and result.json into the run
 * directory (README, "Run store").
 *
 * <p>Each epoch trains on the schedule's selection of the training set in batches, with Adam and
 * a weight average (EMA) that is evaluated on the test set after the epoch. A checkpoint after every
 * epoch, and on a stop request after the batch in flight, lets a later call continue exactly where
 * this one left off: given the same thread count, a resumed run's metrics are identical to an
 * uninterrupted one's.
 *
 * <p>Determinism needs a fixed intra-op thread count: set the system property
 * {@code ai.djl.pytorch.num_threads} (and {@code ai.djl.pytorch.num_interop_threads}) before the
 * engine first loads. Across machines with different thread counts or CPUs, float summation order
 * and therefore the last digits of results may differ.
 */
public final class ClassifierTrainer {
    private final Supplier<NDManager> managers;

    public ClassifierTrainer() {
        this(NDManager::newBaseManager);
    }

    /** For tests that watch the arrays a run leaves behind: the manager every array is created under. */
    ClassifierTrainer(Supplier<NDManager> managers) {
        this.managers = managers;
    }

    /**
     * Trains the run in {@code dir}, resuming from its checkpoint if there is one. A run that
     * already has result.json is done and is not trained again.
     *
     * @throws BadInputException if the config, data, augmenter or checkpoint cannot be used;
     *         nothing has been written then
     */
    public Outcome train(RunConfig config, LoadedDataset data, Augmenter augmenter, RunDirectory dir,
                         TrainOptions options, StopSignal stop, TrainingListener listener) {
        long start = System.nanoTime();
        if (dir.isDone()) return Outcome.DONE;
        DatasetInfo info = data.info();
        checkCompatible(config, info, augmenter);
        ImageSet train = limited(data.train(), config.trainLimit());
        ImageSet test = limited(data.test(), config.testLimit());
        checkLabels(train, info, "training");
        checkLabels(test, info, "test");
        HvcSpec spec = HvcSpec.forDataset(info, config.model().width());
        String configSha256 = configSha256(config);
        Checkpoint checkpoint = null;
        if (dir.hasCheckpoint()) {
            checkpoint = Checkpoint.read(dir.checkpoint());
            if (!checkpoint.configSha256().equals(configSha256)) {
                throw new BadInputException(dir.checkpoint() + " was written for a different config than " + dir.config()
                        + "; delete the checkpoint to restart the run");
            }
        }
        Engine.getInstance().setRandomSeed((int) (config.seed() ^ (config.seed() >>> 32)));
        // libtorch's oneDNN convolutions are wrong (and NaN from stale padding) for channel counts
        // that are not a multiple of the CPU's vector block: use ATen's own (OneDnn says why)
        OneDnn.disable();
        try (NDManager manager = managers.get()) {
            TrainingSession session = new TrainingSession(config, spec, train, test, augmenter, dir, options, manager,
                    checkpoint, configSha256, start);
            return session.run(stop, listener);
        }
    }

    /** The config's hash, leaving out what only affects scheduling (resources), like run ids do. */
    static String configSha256(RunConfig config) {
        ObjectNode copy = ((ObjectNode) config.raw()).deepCopy();
        copy.remove(CommonConfig.NOT_HASHED);
        return Json.sha256(copy);
    }

    private static void checkCompatible(RunConfig config, DatasetInfo info, Augmenter augmenter) {
        if (!"classifier".equals(config.trainer()) || !"hvc".equals(config.model().name())) {
            throw new BadInputException("the classifier trainer trains model 'hvc', not trainer '" + config.trainer()
                    + "' with model '" + config.model().name() + "'");
        }
        if (!info.name().equals(config.dataset())) {
            throw new BadInputException("run config names dataset '" + config.dataset() + "' but the data given is '" + info.name() + "'");
        }
        if (augmenter.channels() != info.inputChannels() || augmenter.height() != info.inputHeight()
                || augmenter.width() != info.inputWidth()) {
            throw new BadInputException("augmenter produces " + augmenter.channels() + "x" + augmenter.height() + "x" + augmenter.width()
                    + " inputs but " + info.name() + " networks take " + info.inputChannels() + "x" + info.inputHeight() + "x" + info.inputWidth());
        }
    }

    private static ImageSet limited(ImageSet set, Integer limit) {
        return limit == null ? set : set.head(limit);
    }

    private static void checkLabels(ImageSet set, DatasetInfo info, String which) {
        if (set.count() < 1) throw new BadInputException("the " + which + " set of " + info.name() + " is empty");
        for (int i = 0; i < set.count(); i++) {
            int label = set.labels()[i];
            if (label < 0 || label >= info.classes()) {
                throw new BadInputException(which + " image " + i + " of " + info.name() + " has label " + label
                        + ", outside 0.." + (info.classes() - 1));
            }
        }
    }
}
