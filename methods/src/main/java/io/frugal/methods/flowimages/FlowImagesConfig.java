package io.frugal.methods.flowimages;

import com.fasterxml.jackson.databind.JsonNode;
import io.frugal.core.BadInputException;
import io.frugal.core.config.ConfigProblem;
import io.frugal.core.config.ConfigReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A flow-images run's own keys (beside the common ones): the two classes and their shares in the
 * training set, the denoiser, its training, and what is measured after it.
 */
record FlowImagesConfig(
        String experiment, String dataset, long seed,
        int classA, int classB, double proportionA, int trainSize, int imageSize,
        List<Integer> channels, int timeFeatures,
        int epochs, int batchSize, double lr, double weightDecay, int warmupSteps,
        TimeSampling timeSampling,
        int samplerSteps, int samples,
        List<Double> uturnTimes, int uturnImages) {

    static final Set<String> KEYS = Set.of("classes", "proportions", "train_size", "image_size", "denoiser", "epochs", "batch_size",
            "optimizer", "time_sampling", "sampler_steps", "samples", "uturn");

    /** Full batches per epoch: the last partial batch of a shuffled pass is dropped, so every step sees batch_size images. */
    int stepsPerEpoch() {
        return trainSize / batchSize;
    }

    long totalSteps() {
        return (long) epochs * stepsPerEpoch();
    }

    int countA() {
        return (int) Math.round(proportionA * trainSize);
    }

    static void check(ConfigReader r) {
        parse(r);
    }

    static FlowImagesConfig parse(JsonNode node) {
        List<ConfigProblem> problems = new ArrayList<>();
        FlowImagesConfig c = parse(ConfigReader.root(node, problems));
        if (!problems.isEmpty()) throw new BadInputException("run config: " + problems.get(0));
        return c;
    }

    private static FlowImagesConfig parse(ConfigReader r) {
        int[] classes = pair(r, "classes", true);
        double pa = 0.8;
        JsonNode props = r.node().get("proportions");
        if (props == null) {
            r.problem("proportions", "is required: the shares of the two classes in the training set, e.g. [0.8, 0.2]");
        } else if (!props.isArray() || props.size() != 2 || !props.get(0).isNumber() || !props.get(1).isNumber()) {
            r.problem("proportions", "must be two numbers, e.g. [0.8, 0.2]");
        } else {
            pa = props.get(0).asDouble();
            double pb = props.get(1).asDouble();
            if (!(pa > 0 && pb > 0 && Math.abs(pa + pb - 1) < 1e-9)) r.problem("proportions", "must be two positive shares that sum to 1, got [" + pa + ", " + pb + "]");
        }
        int trainSize = (int) r.integer("train_size", 1000, false, 2, 1_000_000);
        int image = (int) r.integer("image_size", 28, false, 28, 32);
        if (image != 28 && image != 32) r.problem("image_size", "must be 28 (as stored) or 32 (padded with 2 background pixels a side), got " + image);
        ConfigReader den = r.object("denoiser", false);
        den.rejectUnknown(Set.of("channels", "time_features"));
        List<Integer> channels = new ArrayList<>();
        JsonNode ch = den.node() == null ? null : den.node().get("channels");
        if (ch == null) {
            channels = List.of(16, 32);
        } else if (!ch.isArray() || ch.isEmpty() || ch.size() > 5) {
            den.problem("channels", "must be a list of 1 to 5 channel counts, one per resolution level, e.g. [16, 32]");
        } else {
            for (JsonNode v : ch) {
                if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < 1 || v.asInt() > 2048) den.problem("channels", "channel counts must be integers in 1..2048");
                else channels.add(v.asInt());
            }
            int halvings = ch.size() - 1;
            if (image % (1 << halvings) != 0) {
                den.problem("channels", ch.size() + " levels halve the image " + halvings + " times, so image_size " + image
                        + " must be divisible by " + (1 << halvings) + " (use image_size 32 for 4 levels)");
            }
        }
        int timeFeatures = (int) den.integer("time_features", 32, false, 2, 1024);
        if (timeFeatures % 2 != 0) den.problem("time_features", "must be even (sine and cosine pairs)");
        int epochs = (int) r.integer("epochs", 10, true, 1, 100_000);
        int batch = (int) r.integer("batch_size", 32, false, 1, 65_536);
        if (batch > trainSize) r.problem("batch_size", "is larger than train_size " + trainSize);
        ConfigReader opt = r.object("optimizer", false);
        opt.rejectUnknown(Set.of("name", "lr", "weight_decay", "warmup_steps"));
        opt.choice("name", "adamw", false, Set.of("adamw"));
        double lr = opt.number("lr", 1e-4, false, 0, true, 1);
        double wd = opt.number("weight_decay", 0.01, false, 0, false, 1);
        int warmup = (int) opt.integer("warmup_steps", 500, false, 0, 10_000_000);
        TimeSampling sampling = timeSampling(r);
        int samplerSteps = (int) r.integer("sampler_steps", 1000, false, 2, 100_000);
        int samples = (int) r.integer("samples", 500, false, 1, 10_000_000);
        ConfigReader ut = r.object("uturn", false);
        ut.rejectUnknown(Set.of("times", "images"));
        List<Double> times = new ArrayList<>();
        JsonNode tn = ut.node() == null ? null : ut.node().get("times");
        if (tn == null) {
            for (double t = 0.65; t > 0.19; t -= 0.05) times.add(Math.round(t * 100) / 100.0);
        } else if (!tn.isArray() || tn.isEmpty()) {
            ut.problem("times", "must be a list of U-turn times t0 in (0, 1) (t0 = 1 − diffusion time)");
        } else {
            for (JsonNode v : tn) {
                if (!v.isNumber() || !(v.asDouble() > 0 && v.asDouble() < 1)) ut.problem("times", "U-turn times must be numbers in (0, 1), got " + v);
                else times.add(v.asDouble());
            }
        }
        int uturnImages = (int) ut.integer("images", 100, false, 1, 100_000);
        return new FlowImagesConfig(r.node().path("experiment").asText(), r.node().path("dataset").asText(),
                r.node().path("seed").asLong(), classes[0], classes[1], pa, trainSize, image, List.copyOf(channels), timeFeatures,
                epochs, batch, lr, wd, warmup, sampling, samplerSteps, samples, List.copyOf(times), uturnImages);
    }

    private static int[] pair(ConfigReader r, String field, boolean required) {
        JsonNode n = r.node().get(field);
        if (n == null) {
            if (required) r.problem(field, "is required: the two classes, e.g. [1, 9]");
            return new int[] {0, 1};
        }
        if (!n.isArray() || n.size() != 2 || !n.get(0).isIntegralNumber() || !n.get(1).isIntegralNumber()) {
            r.problem(field, "must be two class numbers, e.g. [1, 9]");
            return new int[] {0, 1};
        }
        int a = n.get(0).asInt();
        int b = n.get(1).asInt();
        if (a < 0 || a > 9 || b < 0 || b > 9) r.problem(field, "classes of MNIST and Fashion-MNIST are 0..9, got [" + a + ", " + b + "]");
        if (a == b) r.problem(field, "must be two different classes, got [" + a + ", " + b + "]");
        return new int[] {a, b};
    }

    private static TimeSampling timeSampling(ConfigReader r) {
        ConfigReader ts = r.object("time_sampling", false);
        if (ts.node() == null) return TimeSampling.uniform();
        ts.rejectUnknown(Set.of("type", "sections"));
        String type = ts.choice("type", "uniform", true, Set.of("uniform", "sections"));
        if (!"sections".equals(type)) {
            if (ts.has("sections")) ts.problem("sections", "only type 'sections' has sections");
            return TimeSampling.uniform();
        }
        JsonNode list = ts.node().get("sections");
        if (list == null || !list.isArray() || list.isEmpty()) {
            ts.problem("sections", "must be a list of {from, to, share} in diffusion time, e.g. [{from: 0, to: 0.4, share: 0.25}, ...]");
            return TimeSampling.uniform();
        }
        List<TimeSampling.Section> sections = new ArrayList<>();
        double expectFrom = 0;
        double total = 0;
        for (int i = 0; i < list.size(); i++) {
            ConfigReader s = new ConfigReader(list.get(i), ts.at("sections") + "/" + i, r.problems());
            if (!list.get(i).isObject()) {
                s.problem(null, "a section must be an object {from, to, share}");
                continue;
            }
            s.rejectUnknown(Set.of("from", "to", "share"));
            double from = s.number("from", 0, true, 0, false, 1);
            double to = s.number("to", 1, true, 0, false, 1);
            double share = s.number("share", 0, true, 0, true, 1);
            if (Math.abs(from - expectFrom) > 1e-12) s.problem("from", "sections must cover [0, 1] in order without gaps: expected " + expectFrom + ", got " + from);
            if (!(to > from)) s.problem("to", "must be larger than from (" + from + ")");
            expectFrom = to;
            total += share;
            sections.add(new TimeSampling.Section(from, to, share));
        }
        if (Math.abs(expectFrom - 1) > 1e-12) ts.problem("sections", "must end at diffusion time 1, end at " + expectFrom);
        if (Math.abs(total - 1) > 1e-9) ts.problem("sections", "shares must sum to 1, sum to " + total);
        return new TimeSampling("sections", List.copyOf(sections));
    }
}
