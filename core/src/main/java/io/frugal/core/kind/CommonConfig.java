package io.frugal.core.kind;

import com.fasterxml.jackson.databind.JsonNode;
import io.frugal.core.config.ConfigProblem;
import io.frugal.core.config.ConfigReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The keys every run config has, whatever its kind: where it sits in the grid (experiment,
 * dataset, seed, matrix), which kind trains it, what it may ask of a scheduler (resources), and
 * the runs it needs (inputs: role → run id, filled in by the planner from the manifest's
 * {@code needs:}). A config is checked here first, then by its kind ({@link TrainerKind#check}).
 */
public final class CommonConfig {
    public static final String TRAINER = "trainer";
    public static final String INPUTS = "inputs";
    /**
     * The CPU compute (intra-op) threads a run trains with. libtorch's CPU kernels split their
     * reductions by thread, so the count changes a run's last digits and from there its numbers
     * (measured: the same config at 1 and 2 threads differs from the first epoch on). It is therefore part
     * of the config and of the run id, and executors give a trainer exactly this many threads.
     */
    public static final String THREADS = "threads";
    public static final int MAX_THREADS = 1024;
    /**
     * {@code own_data: true}: the dataset files are the user's own on purpose (not the published
     * ones): their checksums are recorded in provenance and shown instead of stopping the run.
     */
    public static final String OWN_DATA = "own_data";
    public static final Set<String> KEYS = Set.of("experiment", "dataset", "seed", TRAINER, "resources", "matrix", INPUTS, THREADS, OWN_DATA);
    /** Keys that change where or how long a run is scheduled, not what it computes: left out of run ids. */
    public static final Set<String> NOT_HASHED = Set.of("resources");

    /**
     * Seeds that change only a run's random numbers (0 … 2^31−1): a kind's check and planned cost
     * must not depend on which of them a config has. Seeds outside may be refused by a kind.
     */
    public static final long ORDINARY_SEEDS_MAX = Integer.MAX_VALUE;
    /** Documentation anchor: {@code 0 <= seed <= }{@link #ORDINARY_SEEDS_MAX}. */
    public static final String ORDINARY_SEEDS = "0.." + ORDINARY_SEEDS_MAX;

    private CommonConfig() {}

    /** Whether {@code seed} is one of {@link #ORDINARY_SEEDS}. */
    public static boolean ordinarySeed(long seed) {
        return seed >= 0 && seed <= ORDINARY_SEEDS_MAX;
    }

    /** Every problem of a resolved config, common keys and its kind's; empty if it is usable. */
    public static List<ConfigProblem> check(JsonNode node) {
        List<ConfigProblem> problems = new ArrayList<>();
        ConfigReader r = ConfigReader.root(node, problems);
        if (node == null || !node.isObject()) {
            r.problem(null, "a run config must be an object");
            return problems;
        }
        TrainerKind kind = kind(r);
        Set<String> known = new TreeSet<>(KEYS);
        if (kind != null) known.addAll(kind.keys());
        // 'inputs' is written by the planner, never by hand: leave it out of the list users see
        Set<String> shown = new TreeSet<>(known);
        shown.remove(INPUTS);
        // without a known kind its keys are unknown too: the trainer problem alone says what to fix
        if (kind != null) rejectUnknown(r, known, shown);
        r.string("experiment", null, true);
        String dataset = r.string("dataset", null, true);
        if (dataset != null && kind != null && !kind.datasets().contains(dataset)) {
            r.problem("dataset", "unknown dataset '" + dataset + "' (known: " + String.join(", ", new TreeSet<>(kind.datasets())) + ")");
        }
        r.integer("seed", 0, true, 0, Long.MAX_VALUE);
        long threads = r.integer(THREADS, 1, false, 1, MAX_THREADS);
        if (r.has(OWN_DATA) && !node.get(OWN_DATA).isBoolean()) r.problem(OWN_DATA, "must be true or false");
        ConfigReader res = r.object("resources", false);
        checkResources(res);
        JsonNode cpus = node.path("resources").path("cpus");
        if (cpus.isIntegralNumber() && cpus.asLong() >= 1 && cpus.asLong() < threads) {
            res.problem("cpus", "is " + cpus.asLong() + ", fewer than the run's " + threads + " threads (" + THREADS
                    + "): ask for at least as many CPUs as the run computes with");
        }
        ConfigReader mx = r.object("matrix", false);
        if (mx.node() != null) {
            mx.node().fields().forEachRemaining(e -> {
                if (!e.getValue().isValueNode()) mx.problem(e.getKey(), "matrix values must be plain values");
            });
        }
        ConfigReader in = r.object(INPUTS, false);
        if (in.node() != null && kind != null) {
            in.rejectUnknown(kind.inputs().keySet());
            in.node().fields().forEachRemaining(e -> {
                if (!e.getValue().isTextual()) in.problem(e.getKey(), "must be a run id");
            });
        }
        if (kind != null) kind.check(r);
        return problems;
    }

    private static TrainerKind kind(ConfigReader r) {
        String name = r.choice(TRAINER, null, false, TrainerKinds.names());
        if (name != null) return TrainerKinds.get(name);
        return r.has(TRAINER) ? null : TrainerKinds.defaultKind();
    }

    private static void rejectUnknown(ConfigReader r, Set<String> known, Set<String> shown) {
        r.node().fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) r.problem(name, "unknown key '" + name + "' (known here: " + String.join(", ", shown) + ")");
        });
    }

    private static void checkResources(ConfigReader res) {
        res.rejectUnknown(Set.of("gpus", "cpus", "mem", "time"));
        res.integer("gpus", 0, false, 0, 1024);
        res.integer("cpus", 1, false, 1, 4096);
        String mem = res.string("mem", null, false);
        // SLURM reads --mem=0 as "all of the node's memory"
        if (mem != null && !mem.matches("[1-9][0-9]{0,9}[KMGT]?")) {
            res.problem("mem", "must look like 32G, 4000M or 1024 (not 0, which SLURM reads as the whole node), got '" + mem + "'");
        }
        String time = res.string("time", null, false);
        if (time != null && !time.matches("([0-9]{1,3}-)?[0-9]{1,6}(:[0-5][0-9]){0,2}")) {
            res.problem("time", "must be a SLURM time like 08:00:00, 1-00:00:00 or 90, got '" + time + "'");
        } else if (time != null && parseSlurmTime(time) <= 0) {
            // SLURM reads a zero time limit as unlimited: it would get round every limit
            res.problem("time", "must be longer than zero (SLURM reads a zero limit as unlimited), got '" + time + "'");
        } else if (time != null && parseSlurmTime(time) > 365L * 86400) {
            res.problem("time", "must be at most a year, got '" + time + "'");
        }
    }

    /**
     * The compute threads of a resolved config: its {@code threads}, else (a config planned before
     * the count was part of it) {@link #defaultThreads}.
     */
    public static int threads(JsonNode config) {
        JsonNode t = config.path(THREADS);
        return t.canConvertToInt() && t.asInt() >= 1 ? t.asInt() : defaultThreads(config);
    }

    /** What the planner writes when a manifest does not set {@code threads}: resources.cpus, else 1. */
    public static int defaultThreads(JsonNode config) {
        JsonNode cpus = config.path("resources").path("cpus");
        return cpus.canConvertToInt() && cpus.asInt() >= 1 && cpus.asInt() <= MAX_THREADS ? cpus.asInt() : 1;
    }

    /** The run's time limit in seconds from resources.time, or -1 if none is set. */
    public static long timeLimitSeconds(JsonNode config) {
        JsonNode t = config.path("resources").path("time");
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
