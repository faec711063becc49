package io.frugal.methods.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.frugal.core.config.ConfigException;
import io.frugal.core.config.ConfigProblem;
import io.frugal.core.config.ConfigReader;
import io.frugal.core.kind.CommonConfig;
import io.frugal.core.kind.TrainerKinds;
import io.frugal.methods.schedule.Schedule;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The resolved configuration of one classifier run: what {@code OUT/runs/ID/config.json} holds for
 * the {@code classifier} kind. It is the single definition of the classifier's keys, their types,
 * ranges and defaults (the common keys are {@link CommonConfig}'s); manifest validation reaches
 * it through the kind ({@link io.frugal.methods.classifier.ClassifierKind}).
 *
 * <p>Keys (see docs/manifest.md): model{name,width}, epochs, batch_size,
 * optimizer{name,lr,beta1,beta2,eps,decay_per_epoch,lr_floor}, ema_decay, augment,
 * train_limit, test_limit, schedule.
 */
public record RunConfig(
        String experiment,
        String dataset,
        long seed,
        String trainer,
        ModelConfig model,
        int epochs,
        int batchSize,
        OptimizerConfig optimizer,
        double emaDecay,
        boolean augment,
        Integer trainLimit,
        Integer testLimit,
        Schedule schedule,
        JsonNode raw) {

    public record ModelConfig(String name, double width) {}

    public record OptimizerConfig(String name, double lr, double beta1, double beta2, double eps,
                                  double decayPerEpoch, double lrFloor) {
        /** Learning rate of epoch {@code epoch} (0-based): lr · decay^epoch, never below the floor. */
        public double lrAt(int epoch) {
            return Math.max(lrFloor, lr * Math.pow(decayPerEpoch, epoch));
        }
    }

    /** The classifier's own keys, beside {@link CommonConfig#KEYS}. */
    public static final Set<String> KEYS = Set.of("model", "epochs", "batch_size", "optimizer", "ema_decay", "augment",
            "train_limit", "test_limit", "schedule");
    public static final Set<String> MODELS = Set.of("hvc");

    /** Checks the classifier's keys of a run config (see {@link io.frugal.core.kind.TrainerKind#check}). */
    public static void checkKeys(ConfigReader r) {
        readKeys(r);
    }

    /** The config of a classifier run; bad input listing every problem if it is not usable. */
    public static RunConfig parse(JsonNode node) {
        List<ConfigProblem> problems = CommonConfig.check(node);
        if (!problems.isEmpty()) throw new ConfigException(problems);
        if (!"classifier".equals(TrainerKinds.of(node).name())) {
            throw new ConfigException(List.of(new ConfigProblem("/trainer", "is '" + node.path("trainer").asText()
                    + "', not a classifier run")));
        }
        RunConfig c = readKeys(ConfigReader.root(node, problems));
        if (!problems.isEmpty()) throw new ConfigException(problems);
        return c;
    }

    private static RunConfig readKeys(ConfigReader r) {
        List<ConfigProblem> problems = r.problems();
        int problemsBefore = problems.size();
        JsonNode node = r.node();
        ConfigReader m = r.object("model", false);
        m.rejectUnknown(Set.of("name", "width"));
        String modelName = m.choice("name", "hvc", false, MODELS);
        double width = m.number("width", 1.0, false, 0, true, 16);

        int problemsBeforeEpochs = problems.size();
        int epochs = (int) r.integer("epochs", 1, true, 1, 1_000_000);
        boolean epochsValid = problems.size() == problemsBeforeEpochs;
        int batch = (int) r.integer("batch_size", 120, false, 1, 1_000_000);

        ConfigReader o = r.object("optimizer", false);
        o.rejectUnknown(Set.of("name", "lr", "beta1", "beta2", "eps", "decay_per_epoch", "lr_floor"));
        String optName = o.choice("name", "adam", false, Set.of("adam"));
        double lr = o.number("lr", 1e-3, false, 0, true, 10);
        double beta1 = o.number("beta1", 0.9, false, 0, false, 0.999999);
        double beta2 = o.number("beta2", 0.999, false, 0, false, 0.99999999);
        // 1e-7 is the Keras default that the HVC reference code trains with.
        double eps = o.number("eps", 1e-7, false, 0, true, 1);
        double decay = o.number("decay_per_epoch", 0.98, false, 0, true, 1);
        double floor = o.number("lr_floor", 1e-7, false, 0, false, 10);

        double ema = r.number("ema_decay", 0.999, false, 0, false, 0.999999999);
        boolean augment = r.bool("augment", true);
        Integer trainLimit = r.has("train_limit") ? (int) r.integer("train_limit", 0, false, 1, Integer.MAX_VALUE) : null;
        Integer testLimit = r.has("test_limit") ? (int) r.integer("test_limit", 0, false, 1, Integer.MAX_VALUE) : null;

        Schedule schedule = null;
        ConfigReader s = r.object("schedule", true);
        if (s.node() != null) {
            schedule = Schedule.read(s);
            // Whether every section gets an epoch depends on the run length; check it as soon as
            // both are known to be valid, so it is reported together with any other problem.
            if (schedule != null && epochsValid) {
                for (String msg : schedule.checkFor(epochs)) s.problem(null, msg);
            }
        }
        if (problems.size() > problemsBefore) return null;
        return new RunConfig(node.path("experiment").asText(), node.path("dataset").asText(), node.path("seed").asLong(),
                node.path("trainer").asText("classifier"), new ModelConfig(modelName, width), epochs, batch,
                new OptimizerConfig(optName, lr, beta1, beta2, eps, decay, floor), ema, augment, trainLimit, testLimit,
                schedule, node);
    }


}
