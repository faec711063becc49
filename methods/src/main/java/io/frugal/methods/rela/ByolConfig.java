package io.frugal.methods.rela;

import com.fasterxml.jackson.databind.JsonNode;
import io.frugal.core.config.ConfigException;
import io.frugal.core.config.ConfigProblem;
import io.frugal.core.config.ConfigReader;
import io.frugal.core.kind.CommonConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The resolved configuration of one {@code byol} run (plain or ReLA-aided BYOL, then a linear probe):
 * the single definition of the kind's keys, types, ranges and defaults.
 *
 * <p>Keys: backbone{name,width}, epochs, batch_size, optimizer{name,lr,weight_decay,beta1,beta2,eps},
 * ema_momentum, budget, train_limit, test_limit, classes, augmentation{byol,rela},
 * rela{prior,prior_file,prior_backbone{name,width},whitening,map,handover,fraction,gate_reference_steps},
 * probe{epochs,lr,batch_size}.
 */
public record ByolConfig(
        String experiment,
        String dataset,
        long seed,
        String backbone,
        double width,
        int epochs,
        int batchSize,
        Optimizer optimizer,
        double emaMomentum,
        double budget,
        Integer trainLimit,
        Integer testLimit,
        List<Integer> classes,
        String byolViews,
        String relaViews,
        Rela rela,
        Probe probe,
        JsonNode raw) {

    public static final String KIND = "byol";
    public static final Set<String> KEYS = Set.of("backbone", "epochs", "batch_size", "optimizer", "ema_momentum", "budget",
            "train_limit", "test_limit", "classes", "augmentation", "rela", "probe");
    /** View recipes: BYOL's asymmetric pair, ReLA's milder phase recipe (both views), or none (the image resized). */
    public static final Set<String> VIEW_RECIPES = Set.of("byol", "rela-phase", "identity");
    public static final Set<String> PRIORS = Set.of("none", "random", "input", "file");
    /** The role of the input run whose backbone is the prior ({@code rela.prior: input}). */
    public static final String PRIOR_ROLE = "prior";

    public record Optimizer(String name, double lr, double weightDecay, double beta1, double beta2, double eps) {}

    /**
     * The ReLA phase. {@code prior} none is plain BYOL; random is the student's own initial weights;
     * input the backbone of the run in role {@code prior}; file a model file ({@code prior_file}, with
     * its architecture {@code prior_backbone}). {@code handover} gate (the loss-plateau gate, its
     * averages scaled to the run length against {@code gateReferenceSteps}) or fraction (after
     * round(fraction·epochs) epochs).
     */
    public record Rela(String prior, String priorFile, String priorBackbone, double priorWidth, boolean whitening,
                       boolean mapFrozen, String handover, double fraction, long gateReferenceSteps) {
        public boolean enabled() {
            return !"none".equals(prior);
        }
    }

    public record Probe(int epochs, double lr, int batchSize) {}

    public static void checkKeys(ConfigReader r) {
        readKeys(r);
    }

    /** The config of a byol run; bad input listing every problem if it is not usable. */
    public static ByolConfig parse(JsonNode node) {
        List<ConfigProblem> problems = CommonConfig.check(node);
        if (!problems.isEmpty()) throw new ConfigException(problems);
        if (!KIND.equals(node.path("trainer").asText())) {
            throw new ConfigException(List.of(new ConfigProblem("/trainer", "is '" + node.path("trainer").asText() + "', not a byol run")));
        }
        ByolConfig c = readKeys(ConfigReader.root(node, problems));
        if (!problems.isEmpty()) throw new ConfigException(problems);
        return c;
    }

    private static ByolConfig readKeys(ConfigReader r) {
        List<ConfigProblem> problems = r.problems();
        int before = problems.size();
        JsonNode node = r.node();
        ConfigReader b = r.object("backbone", false);
        b.rejectUnknown(Set.of("name", "width"));
        String backbone = b.choice("name", "small-cnn", false, new TreeSet<>(BackboneSpec.NAMES));
        double width = b.number("width", 1.0, false, 0, true, 16);
        int epochs = (int) r.integer("epochs", 1, true, 1, 100_000);
        int batch = (int) r.integer("batch_size", 128, false, 2, 1_000_000);

        ConfigReader o = r.object("optimizer", false);
        o.rejectUnknown(Set.of("name", "lr", "weight_decay", "beta1", "beta2", "eps"));
        String optName = o.choice("name", "adamw", false, Set.of("adamw"));
        double lr = o.number("lr", 1e-3, false, 0, true, 10);
        double wd = o.number("weight_decay", 0.01, false, 0, false, 1);
        double beta1 = o.number("beta1", 0.9, false, 0, false, 0.999999);
        double beta2 = o.number("beta2", 0.999, false, 0, false, 0.99999999);
        double eps = o.number("eps", 1e-8, false, 0, true, 1);

        double ema = r.number("ema_momentum", MovingAverage.MOMENTUM, false, 0, false, 1);
        double budget = r.number("budget", 1.0, false, 0, true, 1);
        Integer trainLimit = r.has("train_limit") ? (int) r.integer("train_limit", 0, false, 2, Integer.MAX_VALUE) : null;
        Integer testLimit = r.has("test_limit") ? (int) r.integer("test_limit", 0, false, 1, Integer.MAX_VALUE) : null;
        List<Integer> classes = classes(r);

        ConfigReader a = r.object("augmentation", false);
        a.rejectUnknown(Set.of("byol", "rela"));
        String byolViews = a.choice("byol", "byol", false, VIEW_RECIPES);
        String relaViews = a.choice("rela", "rela-phase", false, VIEW_RECIPES);

        ConfigReader x = r.object("rela", false);
        x.rejectUnknown(Set.of("prior", "prior_file", "prior_backbone", "whitening", "map", "handover", "fraction",
                "gate_reference_steps"));
        String prior = x.choice("prior", "none", false, PRIORS);
        String priorFile = x.string("prior_file", null, false);
        ConfigReader pb = x.object("prior_backbone", false);
        pb.rejectUnknown(Set.of("name", "width"));
        String priorBackbone = pb.choice("name", null, false, new TreeSet<>(BackboneSpec.NAMES));
        double priorWidth = pb.number("width", 1.0, false, 0, true, 16);
        boolean whitening = x.bool("whitening", true);
        String map = x.choice("map", "frozen", false, Set.of("frozen", "learned"));
        String handover = x.choice("handover", "gate", false, Set.of("gate", "fraction"));
        double fraction = x.number("fraction", 0.5, false, 0, false, 1);
        long reference = x.integer("gate_reference_steps", LossPlateauGate.REFERENCE_STEPS, false, 1, Long.MAX_VALUE);
        if ("file".equals(prior)) {
            if (priorFile == null) x.problem("prior_file", "is required with prior: file (a DJL .params file or a TorchScript .pt file)");
            if (priorBackbone == null && priorFile != null && !priorFile.endsWith(".pt")) {
                x.problem("prior_backbone", "is required with a DJL .params prior: {name, width} of the network that file holds");
            }
        } else {
            if (priorFile != null) x.problem("prior_file", "is only read with prior: file, not '" + prior + "'");
        }
        JsonNode inputs = node == null ? null : node.get(CommonConfig.INPUTS);
        boolean hasPriorInput = inputs != null && inputs.has(PRIOR_ROLE);
        // 'input' without an input run is the trainer's error: manifests check configs before 'needs' fills in inputs
        if (hasPriorInput && !"input".equals(prior)) {
            x.problem("prior", "is '" + prior + "' but the run needs a prior run: set rela.prior: input, or drop the needs entry");
        }

        ConfigReader p = r.object("probe", false);
        p.rejectUnknown(Set.of("epochs", "lr", "batch_size"));
        int probeEpochs = (int) p.integer("epochs", 100, false, 3, 100_000);
        double probeLr = p.number("lr", 3e-4, false, 0, true, 10);
        int probeBatch = (int) p.integer("batch_size", 128, false, 1, 1_000_000);
        if (problems.size() > before) return null;
        return new ByolConfig(node.path("experiment").asText(), node.path("dataset").asText(), node.path("seed").asLong(),
                backbone, width, epochs, batch, new Optimizer(optName, lr, wd, beta1, beta2, eps), ema, budget, trainLimit,
                testLimit, classes, byolViews, relaViews,
                new Rela(prior, priorFile, priorBackbone, priorWidth, whitening, "frozen".equals(map), handover, fraction, reference),
                new Probe(probeEpochs, probeLr, probeBatch), node);
    }

    private static List<Integer> classes(ConfigReader r) {
        if (!r.has("classes")) return null;
        JsonNode v = r.node().get("classes");
        if (!v.isArray() || v.isEmpty()) {
            r.problem("classes", "must be a non-empty list of class numbers, got " + ConfigReader.describe(v));
            return null;
        }
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode c = v.get(i);
            if (!c.isIntegralNumber() || c.asLong() < 0 || c.asLong() > 100_000) {
                r.problem("classes", "entry " + i + " must be a class number >= 0, got " + ConfigReader.describe(c));
                return null;
            }
            if (out.contains(c.asInt())) {
                r.problem("classes", "class " + c.asInt() + " is listed twice");
                return null;
            }
            out.add(c.asInt());
        }
        if (out.size() < 2) r.problem("classes", "a probe needs at least 2 classes, got " + out.size());
        return out;
    }

    /** Images per epoch: round(budget·N), at least one batch's worth of two. */
    public static int subsetSize(double budget, int n) {
        return (int) Math.max(2, Math.min(n, Math.round(budget * n)));
    }

    /** Optimiser steps per epoch: a last batch of one image is merged into the one before (BatchNorm needs two). */
    public static int stepsPerEpoch(int subset, int batch) {
        int full = subset / batch;
        int rest = subset % batch;
        if (full == 0) return 1;
        return rest >= 2 ? full + 1 : full;
    }
}
