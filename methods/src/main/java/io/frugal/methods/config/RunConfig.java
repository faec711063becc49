package io.frugal.methods.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.frugal.core.config.ConfigException;
import io.frugal.core.config.ConfigProblem;
import io.frugal.core.config.ConfigReader;
import io.frugal.methods.schedule.Schedule;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The resolved configuration of one run: what {@code OUT/runs/ID/config.json} holds and what a
 * trainer is given. It is the single definition of which keys a run config has, their types and
 * ranges, and their defaults; the manifest validator in the harness checks every expanded run
 * through {@link #check} and maps the problems back to manifest locations.
 *
 * <p>Keys (see README "Manifest schema"):
 * experiment, dataset, seed, trainer, model{name,width}, epochs, batch_size,
 * optimizer{name,lr,beta1,beta2,eps,decay_per_epoch,lr_floor}, ema_decay, augment,
 * train_limit, test_limit, schedule, resources{gpus,cpus,mem,time}, matrix{axis: value}.
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

    public static final Set<String> KEYS = Set.of("experiment", "dataset", "seed", "trainer", "model", "epochs",
            "batch_size", "optimizer", "ema_decay", "augment", "train_limit", "test_limit", "schedule",
            "resources", "matrix");
    public static final Set<String> TRAINERS = Set.of("classifier");
    public static final Set<String> MODELS = Set.of("hvc");
    /** Keys that change where or how long a run is scheduled, not what it computes: left out of run ids. */
    public static final Set<String> NOT_HASHED = Set.of("resources");

    /** Every problem of a resolved config; empty if it is usable. Datasets are checked by name only. */
    public static List<ConfigProblem> check(JsonNode node, Set<String> knownDatasets) {
        List<ConfigProblem> problems = new ArrayList<>();
        read(node, knownDatasets, problems);
        return problems;
    }

    public static RunConfig parse(JsonNode node, Set<String> knownDatasets) {
        List<ConfigProblem> problems = new ArrayList<>();
        RunConfig c = read(node, knownDatasets, problems);
        if (!problems.isEmpty()) throw new ConfigException(problems);
        return c;
    }

    private static RunConfig read(JsonNode node, Set<String> knownDatasets, List<ConfigProblem> problems) {
        ConfigReader r = ConfigReader.root(node, problems);
        if (node == null || !node.isObject()) {
            r.problem(null, "a run config must be an object");
            return null;
        }
        r.rejectUnknown(KEYS);
        String experiment = r.string("experiment", null, true);
        String dataset = r.string("dataset", null, true);
        if (dataset != null && knownDatasets != null && !knownDatasets.contains(dataset)) {
            r.problem("dataset", "unknown dataset '" + dataset + "' (known: " + String.join(", ", new java.util.TreeSet<>(knownDatasets)) + ")");
        }
        long seed = r.integer("seed", 0, true, 0, Long.MAX_VALUE);
        String trainer = r.choice("trainer", "classifier", false, TRAINERS);

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

        ConfigReader res = r.object("resources", false);
        res.rejectUnknown(Set.of("gpus", "cpus", "mem", "time"));
        res.integer("gpus", 0, false, 0, 1024);
        res.integer("cpus", 1, false, 1, 4096);
        String mem = res.string("mem", null, false);
        if (mem != null && !mem.matches("[0-9]+[KMGT]?")) res.problem("mem", "must look like 32G, 4000M or 1024, got '" + mem + "'");
        String time = res.string("time", null, false);
        if (time != null && !time.matches("([0-9]+-)?[0-9]+(:[0-5][0-9]){0,2}")) {
            res.problem("time", "must be a SLURM time like 08:00:00, 1-00:00:00 or 90, got '" + time + "'");
        }
        ConfigReader mx = r.object("matrix", false);
        if (mx.node() != null) {
            mx.node().fields().forEachRemaining(e -> {
                if (!e.getValue().isValueNode()) mx.problem(e.getKey(), "matrix values must be plain values");
            });
        }
        if (!problems.isEmpty()) return null;
        return new RunConfig(experiment, dataset, seed, trainer, new ModelConfig(modelName, width), epochs, batch,
                new OptimizerConfig(optName, lr, beta1, beta2, eps, decay, floor), ema, augment, trainLimit, testLimit,
                schedule, node);
    }

    /** The run's time limit in seconds from resources.time, or -1 if none is set. */
    public long timeLimitSeconds() {
        JsonNode t = raw.path("resources").path("time");
        return t.isTextual() ? parseSlurmTime(t.textValue()) : -1;
    }

    /** SLURM time formats: M, M:S, H:M:S, D-H, D-H:M, D-H:M:S. */
    public static long parseSlurmTime(String s) {
        long days = 0;
        String rest = s;
        int dash = s.indexOf('-');
        if (dash >= 0) {
            days = Long.parseLong(s.substring(0, dash));
            rest = s.substring(dash + 1);
        }
        String[] p = rest.split(":");
        long sec;
        if (dash >= 0) {
            long h = Long.parseLong(p[0]);
            long mnt = p.length > 1 ? Long.parseLong(p[1]) : 0;
            long sc = p.length > 2 ? Long.parseLong(p[2]) : 0;
            sec = h * 3600 + mnt * 60 + sc;
        } else if (p.length == 1) {
            sec = Long.parseLong(p[0]) * 60;
        } else if (p.length == 2) {
            sec = Long.parseLong(p[0]) * 60 + Long.parseLong(p[1]);
        } else {
            sec = Long.parseLong(p[0]) * 3600 + Long.parseLong(p[1]) * 60 + Long.parseLong(p[2]);
        }
        return days * 86400 + sec;
    }
}
