package io.frugal.methods.classifier;

import io.frugal.core.kind.Outcome;
import io.frugal.core.kind.TrainContext;
import io.frugal.core.kind.Trainer;
import io.frugal.methods.config.RunConfig;
import io.frugal.methods.data.Augmentations;
import io.frugal.methods.data.DatasetLoader;
import io.frugal.methods.data.LoadedDataset;
import io.frugal.methods.train.ClassifierTrainer;
import io.frugal.methods.train.NativeLibrary;
import io.frugal.methods.train.TrainOptions;

/** Trains a classifier run for {@code frugal train}: loads its dataset, then {@link ClassifierTrainer}. */
final class ClassifierRunTrainer implements Trainer {
    @Override
    public Outcome train(TrainContext context) {
        RunConfig config = RunConfig.parse(context.config());
        NativeLibrary.requireBundledBuildFits();
        LoadedDataset data = DatasetLoader.system().load(config.dataset());
        context.dataFiles().accept(data.fileSha256());
        context.out().printf("frugal train: run %s: %s on %s, seed %d, %d epochs%s%n", context.dir().runId(), config.experiment(),
                config.dataset(), config.seed(), config.epochs(), context.dir().hasCheckpoint() ? " (resuming from checkpoint)" : "");
        context.out().flush();
        return new ClassifierTrainer().train(config, data, Augmentations.forDataset(config.dataset(), config.augment()),
                context.dir(), TrainOptions.defaults(), context.stop(), new EpochLog(context.out()));
    }
}
