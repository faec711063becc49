package io.frugal.methods.rela;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.frugal.methods.train.OneDnn;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frugal.core.BadInputException;
import io.frugal.core.kind.CommonConfig;
import io.frugal.core.kind.Outcome;
import io.frugal.core.kind.StopSignal;
import io.frugal.core.random.SeededRandom;
import io.frugal.core.store.Json;
import io.frugal.core.store.MetricsFile;
import io.frugal.core.store.ResultFile;
import io.frugal.core.store.RunDirectory;
import io.frugal.methods.data.Augmentations;
import io.frugal.methods.data.ImageSet;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One byol run: BYOL (online backbone + projector + predictor, moving-average target of backbone +
 * projector) on a fresh seeded budget subset of round(r·N) images every epoch, optionally preceded by
 * ReLA's phase (alignment of W·h + b with the prior's whitened targets, the target network still
 * following its moving average) until the hand-over; then the linear probe on frozen, un-augmented
 * features, the backbone into {@code model/}, and result.json last.
 *
 * <p>The subset of epoch e is the first round(r·N) of the permutation (seed, "budget", e): the same
 * images, in the same order, for every method of the same seed and budget, so comparisons are at equal
 * optimiser steps. Views come from (seed, "augment", e, image, view). A checkpoint after every epoch and
 * on a stop request (after the batch in flight) holds online, target and map parameters, AdamW's
 * state, the gate's state and the counters: a resumed run computes exactly what an uninterrupted one
 * does (given the same thread count).
 */
final class ByolTraining {
    private static final int EVAL_BATCH = 256;

    private final ByolConfig config;
    private final ImageSet train;
    private final ImageSet test;
    private final int classes;
    private final RunDirectory dir;
    private final Map<String, RunDirectory> inputs;
    private final PrintWriter out;
    private final Path cacheDir;
    private final long sessionStart = System.nanoTime();
    /** Called with the step count after every optimiser step: tests request a stop at a chosen step. */
    java.util.function.LongConsumer afterStep = step -> {};

    ByolTraining(ByolConfig config, ImageSet train, ImageSet test, int classes, RunDirectory dir,
                 Map<String, RunDirectory> inputs, PrintWriter out, Path cacheDir) {
        this.config = config;
        this.train = train;
        this.test = test;
        this.classes = classes;
        this.dir = dir;
        this.inputs = inputs;
        this.out = out;
        this.cacheDir = cacheDir;
    }

    /** Where ReLA targets are cached: $FRUGAL_CACHE/targets, else OUT/cache/targets beside OUT/runs. */
    static Path defaultCacheDir(RunDirectory dir) {
        String env = System.getenv("FRUGAL_CACHE");
        if (env != null && !env.isBlank()) return Path.of(env).resolve("targets");
        Path store = dir.dir().toAbsolutePath().getParent().getParent();
        return store.resolve("cache").resolve("targets");
    }

    static String configSha256(JsonNode raw) {
        ObjectNode copy = ((ObjectNode) raw).deepCopy();
        copy.remove(CommonConfig.NOT_HASHED);
        return Json.sha256(copy);
    }

    Outcome run(StopSignal stop) {
        if (dir.isDone()) return Outcome.DONE;
        int n = train.count();
        int side = train.height();
        if (train.width() != side) throw new BadInputException("byol trains on square images, " + config.dataset() + " has "
                + train.height() + "x" + train.width());
        int subset = ByolConfig.subsetSize(config.budget(), n);
        int stepsPerEpoch = ByolConfig.stepsPerEpoch(subset, config.batchSize());
        long totalSteps = (long) stepsPerEpoch * config.epochs();
        String sha = configSha256(config.raw());
        ByolCheckpoint checkpoint = null;
        if (dir.hasCheckpoint()) {
            checkpoint = ByolCheckpoint.read(dir.checkpoint());
            if (!checkpoint.configSha256().equals(sha)) {
                throw new BadInputException(dir.checkpoint() + " was written for a different config than " + dir.config()
                        + "; delete the checkpoint to restart the run");
            }
        }
        BackboneSpec spec = new BackboneSpec(config.backbone(), config.width(), train.channels());
        // the backbones' convolutions: libtorch's oneDNN ones are wrong on some CPUs (OneDnn says why)
        OneDnn.disable();
        try (NDManager manager = NDManager.newBaseManager()) {
            Networks nets = new Networks(spec, side, manager);
            Handover handover = handover(stepsPerEpoch, totalSteps);
            State state = checkpoint == null ? new State() : State.fromJson(checkpoint.state());
            if (checkpoint != null) {
                nets.restore(checkpoint);
                restoreHandover(handover, state);
                state.resumes++;
                out.printf(Locale.ROOT, "resuming at epoch %d, batch %d%n", state.epoch + 1, state.batch);
            } else {
                nets.startTarget();
            }
            double previousWall = state.wallSeconds;
            TargetBuilder.Targets relaTargets = null;
            if (config.rela().enabled() && !handover.handedOver()) {
                long t0 = System.nanoTime();
                relaTargets = new TargetBuilder(config, train, inputs, cacheDir, nets.backbone.featureDim(), side, out).targets(manager);
                state.targetSeconds += seconds(t0);
                state.targetCache = relaTargets.built() ? "built" : "reused";
            }
            float[] targets = relaTargets == null ? null : relaTargets.values();
            int targetDim = relaTargets == null ? 0 : relaTargets.k();
            nets.addMap(targetDim, manager, checkpoint);
            ViewPair byolViews = views(config.byolViews(), true, side);
            ViewPair relaViews = views(config.relaViews(), false, side);
            List<ObjectNode> lines = new ArrayList<>();
            for (String l : MetricsFile.lines(dir.metrics())) lines.add((ObjectNode) Json.parse(l));
            while (lines.size() > state.epoch) lines.remove(lines.size() - 1);
            out.printf(Locale.ROOT, "%s: %d images, budget %.3g (%d per epoch, %d steps), %d epochs, prior %s%n", config.experiment(),
                    n, config.budget(), subset, stepsPerEpoch, config.epochs(), config.rela().prior());
            out.flush();
            while (state.epoch < config.epochs()) {
                int epoch = state.epoch;
                int[] order = subset(config.seed(), epoch, n, subset);
                int[] bounds = bounds(subset, config.batchSize());
                long epochStart = System.nanoTime();
                for (int b = state.batch; b < bounds.length - 1; b++) {
                    int[] idx = java.util.Arrays.copyOfRange(order, bounds[b], bounds[b + 1]);
                    boolean rela = config.rela().enabled() && !handover.handedOver();
                    double loss = rela ? trainBatch(nets, manager, scope -> nets.relaStep(scope, relaViews, idx, epoch, targets, targetDim))
                            : trainBatch(nets, manager, scope -> nets.byolStep(scope, byolViews, idx, epoch));
                    if (!Double.isFinite(loss)) {
                        throw new IllegalStateException("training diverged: loss " + loss + " in epoch " + (epoch + 1) + ", batch " + (b + 1));
                    }
                    state.step++;
                    state.imagesProcessed += 2L * idx.length;
                    if (rela) {
                        state.relaLoss += loss;
                        state.relaSteps++;
                        if (handover.observe(state.step, loss)) {
                            state.handoverStep = state.step;
                            out.printf(Locale.ROOT, "hand-over to BYOL after step %d (epoch %d)%n", state.step, epoch + 1);
                        }
                    } else {
                        state.byolLoss += loss;
                        state.byolSteps++;
                    }
                    state.batch = b + 1;
                    afterStep.accept(state.step);
                    if (stop.isRequested()) {
                        state.trainSeconds += seconds(epochStart);
                        state.wallSeconds = previousWall + seconds(sessionStart);
                        save(nets, state, handover, sha);
                        return Outcome.INTERRUPTED;
                    }
                }
                state.trainSeconds += seconds(epochStart);
                ObjectNode line = Json.object();
                line.put("epoch", epoch + 1);
                line.put("phase", config.rela().enabled() && !handover.handedOver() ? "rela" : "byol");
                line.put("rela_loss", state.relaSteps == 0 ? null : state.relaLoss / state.relaSteps);
                line.put("byol_loss", state.byolSteps == 0 ? null : state.byolLoss / state.byolSteps);
                line.put("images", subset);
                line.put("steps", state.step);
                line.put("train_seconds", state.trainSeconds);
                lines.add(line);
                MetricsFile.write(dir.metrics(), lines);
                out.printf(Locale.ROOT, "epoch %d/%d: ReLA loss %s, BYOL loss %s, %d steps, %.1f s%n", epoch + 1, config.epochs(),
                        loss(line, "rela_loss"), loss(line, "byol_loss"), state.step, state.trainSeconds);
                out.flush();
                state.epoch++;
                state.batch = 0;
                state.relaLoss = state.byolLoss = 0;
                state.relaSteps = state.byolSteps = 0;
                state.wallSeconds = previousWall + seconds(sessionStart);
                save(nets, state, handover, sha);
                if (stop.isRequested() && state.epoch < config.epochs()) return Outcome.INTERRUPTED;
            }
            long probeStart = System.nanoTime();
            int d = nets.backbone.featureDim();
            float[] trainFeatures = nets.features(manager, train);
            float[] testFeatures = nets.features(manager, test);
            double[] curve = LinearProbe.train(trainFeatures, train.labels(), testFeatures, test.labels(), d, classes, config.probe(), config.seed());
            double[] meanSd = LinearProbe.lastMeanSd(curve, 3);
            double probeSeconds = seconds(probeStart);
            out.printf(Locale.ROOT, "linear probe: top-1 %.2f%% +- %.2f (last 3 of %d epochs)%n", 100 * meanSd[0], 100 * meanSd[1], curve.length);
            BackboneFile.write(dir.modelDir(), nets.backbone, spec, side);
            long handoverStep = !config.rela().enabled() ? 0 : handover.handedOver() ? state.handoverStep : state.step;
            ObjectNode r = Json.object();
            r.put("status", "done");
            r.put("run_id", dir.runId());
            r.put("experiment", config.experiment());
            r.put("dataset", config.dataset());
            r.put("seed", config.seed());
            r.put("epochs", config.epochs());
            r.put("probe_top1", meanSd[0]);
            r.put("probe_top1_sd", meanSd[1]);
            r.put("handover_step", handoverStep);
            r.put("images_processed", state.imagesProcessed);
            r.put("prior", config.rela().prior());
            r.put("budget", config.budget());
            r.put("total_steps", totalSteps);
            r.put("target_cache", state.targetCache);
            r.put("target_seconds", state.targetSeconds);
            r.put("probe_seconds", probeSeconds);
            ArrayNode c = r.putArray("probe_curve");
            for (double v : curve) c.add(v);
            r.put("evaluations", state.imagesProcessed);
            r.put("planned_evaluations", 2L * subset * config.epochs());
            r.put("train_seconds", state.trainSeconds);
            r.put("eval_seconds", probeSeconds + state.targetSeconds);
            r.put("wall_seconds", previousWall + seconds(sessionStart));
            r.put("resumes", state.resumes);
            r.put("finished_at", Instant.now().toString());
            ResultFile.write(dir, r);
            deleteCheckpoint();
            return Outcome.DONE;
        }
    }

    /**
     * One optimiser step of either phase (its arrays in a scope closed after it), then the target's
     * moving average: what every batch of {@link #run} costs, and what {@code frugal bench byol} times.
     * A diverged step's target update does no harm: the run fails on its loss before anything is saved.
     */
    private double trainBatch(Networks nets, NDManager manager, java.util.function.ToDoubleFunction<NDManager> step) {
        double loss;
        try (NDManager scope = manager.newSubManager()) {
            loss = step.applyAsDouble(scope);
        }
        nets.updateTarget(config.emaMomentum());
        return loss;
    }

    /** Seconds of timed BYOL steps and of their views alone, and the trained values of online and target networks. */
    record StepTimes(List<Double> stepSeconds, List<Double> viewSeconds, long onlineValues, long targetValues) {}

    /**
     * Plain BYOL steps exactly as {@link #run} takes them (views, target and online forward passes,
     * loss, backward, AdamW, moving average), over this run's budget subsets epoch after epoch:
     * {@code warmup} untimed, then {@code steps} timed ones with {@code between} run after each,
     * outside the timing. Nothing is written: no metrics, checkpoint or model.
     */
    StepTimes timeByolSteps(int warmup, int steps, Runnable between) {
        int n = train.count();
        int side = train.height();
        int subset = ByolConfig.subsetSize(config.budget(), n);
        int[] bounds = bounds(subset, config.batchSize());
        int batches = bounds.length - 1;
        BackboneSpec spec = new BackboneSpec(config.backbone(), config.width(), train.channels());
        OneDnn.disable();
        try (NDManager manager = NDManager.newBaseManager()) {
            Networks nets = new Networks(spec, side, manager);
            nets.startTarget();
            nets.addMap(0, manager, null);
            ViewPair views = views(config.byolViews(), true, side);
            List<Double> stepSeconds = new ArrayList<>();
            List<Double> viewSeconds = new ArrayList<>();
            int[] order = null;
            for (int s = 0; s < warmup + steps; s++) {
                int epoch = s / batches;
                int b = s % batches;
                if (b == 0) order = subset(config.seed(), epoch, n, subset);
                int[] idx = java.util.Arrays.copyOfRange(order, bounds[b], bounds[b + 1]);
                nets.viewNanos = 0;
                long start = System.nanoTime();
                double loss = trainBatch(nets, manager, scope -> nets.byolStep(scope, views, idx, epoch));
                long end = System.nanoTime();
                if (!Double.isFinite(loss)) throw new IllegalStateException("BYOL step " + (s + 1) + " diverged: loss " + loss);
                if (s >= warmup) {
                    stepSeconds.add((end - start) / 1e9);
                    viewSeconds.add(nets.viewNanos / 1e9);
                    between.run();
                }
            }
            long online = 0;
            for (Block block : nets.online) online += Backbone.trainableParameterCount(block);
            long target = 0;
            for (NDArray a : nets.targetTrained) target += a.size();
            return new StepTimes(stepSeconds, viewSeconds, online, target);
        }
    }

    private Handover handover(int stepsPerEpoch, long totalSteps) {
        if ("fraction".equals(config.rela().handover())) {
            return FixedFractionHandover.afterEpochs(config.rela().fraction(), config.epochs(), stepsPerEpoch);
        }
        return LossPlateauGate.scaledTo(totalSteps, config.rela().gateReferenceSteps());
    }

    private static void restoreHandover(Handover h, State s) {
        if (h instanceof LossPlateauGate g) {
            g.restore(new LossPlateauGate.State(s.gateFast, s.gateSlow, s.gateSteps, s.handoverStep));
        } else if (s.handoverStep >= 0) {
            h.observe(s.handoverStep, 0);
        }
    }

    private void save(Networks nets, State state, Handover h, String sha) {
        if (h instanceof LossPlateauGate g) {
            LossPlateauGate.State gs = g.state();
            state.gateFast = gs.fast();
            state.gateSlow = gs.slow();
            state.gateSteps = gs.steps();
        }
        state.adamSteps = nets.optimizer.steps().clone();
        state.targetDim = nets.targetDimSaved;
        new ByolCheckpoint(sha, state.toJson(), nets.tensors()).write(dir.checkpoint());
    }

    private void deleteCheckpoint() {
        try {
            Files.deleteIfExists(dir.checkpoint());
            if (Files.isDirectory(dir.checkpointDir())) {
                try (var left = Files.list(dir.checkpointDir())) {
                    if (left.findAny().isEmpty()) Files.delete(dir.checkpointDir());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the checkpoint of finished run " + dir.runId() + ": " + e.getMessage(), e);
        }
    }

    private static ViewPair views(String recipe, boolean byol, int side) {
        return switch (recipe) {
            case "byol" -> ViewPair.byol(side);
            case "rela-phase" -> ViewPair.relaPhase(side);
            default -> new ViewPair(ViewParams.identity(), ViewParams.identity(), side);
        };
    }

    /** Epoch {@code epoch}'s budget subset: the first {@code size} of the permutation (seed, "budget", epoch). */
    static int[] subset(long seed, int epoch, int n, int size) {
        return java.util.Arrays.copyOf(SeededRandom.of(seed, "budget", epoch).permutation(n), size);
    }

    /** Batch starts plus the end; a last batch of one image joins the one before (batch norm needs two). */
    static int[] bounds(int count, int batch) {
        int batches = ByolConfig.stepsPerEpoch(count, batch);
        int[] b = new int[batches + 1];
        for (int i = 0; i < batches; i++) b[i] = i * batch;
        b[batches] = count;
        return b;
    }

    /** Images as floats in [0, 1], un-augmented: [count, C, H, W]. */
    static float[] plain(ImageSet set, int from, int count) {
        int size = set.imageSize();
        float[] x = new float[count * size];
        byte[] px = set.pixels();
        for (int i = 0; i < count * size; i++) x[i] = (px[from * size + i] & 0xFF) / Augmentations.PIXEL_MAX;
        return x;
    }

    /** Forward features of a frozen backbone in eval mode over a whole image set: [count, d]. */
    static float[] embed(Backbone backbone, NDManager manager, ImageSet set) {
        int d = backbone.featureDim();
        float[] out = new float[set.count() * d];
        ParameterStore store = new ParameterStore(manager, false);
        for (int from = 0; from < set.count(); from += EVAL_BATCH) {
            int count = Math.min(EVAL_BATCH, set.count() - from);
            try (NDManager scope = manager.newSubManager()) {
                NDArray x = scope.create(plain(set, from, count), new Shape(count, set.channels(), set.height(), set.width()));
                float[] f = backbone.forward(store, new NDList(x), false).singletonOrThrow().toFloatArray();
                System.arraycopy(f, 0, out, from * d, f.length);
            }
        }
        return out;
    }

    private static String loss(ObjectNode line, String key) {
        return line.get(key).isNull() ? "-" : String.format(Locale.ROOT, "%.4f", line.get(key).asDouble());
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    /** The networks of a run and one training step of each phase. */
    private final class Networks {
        final Backbone backbone;
        final ByolMlp projector;
        final ByolMlp predictor;
        final Backbone targetBackbone;
        final ByolMlp targetProjector;
        TargetMap map;
        final List<Block> online = new ArrayList<>();
        final List<NDArray> targetTrained = new ArrayList<>();
        final List<NDArray> onlineAveraged = new ArrayList<>();
        AdamW optimizer;
        boolean[] relaActive;
        boolean[] byolActive;
        final ParameterStore store;
        final int side;
        final NDManager manager;

        Networks(BackboneSpec spec, int side, NDManager manager) {
            this.side = side;
            this.manager = manager;
            long seed = config.seed();
            int b = config.batchSize();
            backbone = spec.create(seed);
            backbone.initialize(manager, DataType.FLOAT32, new Shape(b, spec.inputChannels(), side, side));
            int d = backbone.featureDim();
            projector = ByolMlp.projector(d, seed);
            projector.initialize(manager, DataType.FLOAT32, new Shape(b, d));
            predictor = ByolMlp.predictor(d, seed);
            predictor.initialize(manager, DataType.FLOAT32, new Shape(b, ByolMlp.OUTPUT_DIM));
            targetBackbone = spec.create(seed);
            targetBackbone.initialize(manager, DataType.FLOAT32, new Shape(b, spec.inputChannels(), side, side));
            targetProjector = ByolMlp.projector(d, seed);
            targetProjector.initialize(manager, DataType.FLOAT32, new Shape(b, d));
            pairTrained(backbone, targetBackbone);
            pairTrained(projector, targetProjector);
            targetBackbone.freezeParameters(true);
            targetProjector.freezeParameters(true);
            online.add(backbone);
            online.add(projector);
            online.add(predictor);
            store = new ParameterStore(manager, false);
        }

        private void pairTrained(Block on, Block target) {
            var a = on.getParameters();
            var t = target.getParameters();
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i).getValue().requiresGradient()) {
                    onlineAveraged.add(a.get(i).getValue().getArray());
                    targetTrained.add(t.get(i).getValue().getArray());
                }
            }
        }

        void startTarget() {
            MovingAverage.copy(targetTrained, onlineAveraged);
        }

        /** Adds ReLA's map (k > 0, or a checkpoint's) and builds the optimiser over everything trained. */
        void addMap(int k, NDManager m, ByolCheckpoint checkpoint) {
            int d = backbone.featureDim();
            if (config.rela().enabled()) {
                if (k == 0 && checkpoint != null) k = checkpoint.state().path("target_dim").asInt();
                if (k == 0) k = d; // handed over before targets were needed: the map is never used again
                map = new TargetMap(d, k, config.rela().mapFrozen(), config.seed());
                map.initialize(m, DataType.FLOAT32, new Shape(config.batchSize(), d));
            }
            List<NDArray> params = new ArrayList<>();
            List<Boolean> rela = new ArrayList<>();
            List<Boolean> byol = new ArrayList<>();
            for (Block block : online) {
                for (Pair<String, Parameter> p : block.getParameters()) {
                    if (!p.getValue().requiresGradient()) continue;
                    params.add(p.getValue().getArray());
                    rela.add(block == backbone);
                    byol.add(true);
                }
            }
            if (map != null) {
                for (Pair<String, Parameter> p : map.getParameters()) {
                    if (!p.getValue().requiresGradient()) continue;
                    params.add(p.getValue().getArray());
                    rela.add(true);
                    byol.add(false);
                }
            }
            optimizer = new AdamW(m, params, config.optimizer());
            relaActive = toArray(rela);
            byolActive = toArray(byol);
            if (checkpoint != null) {
                if (map != null) restoreBlock("map/", map, checkpoint);
                List<float[]> mm = new ArrayList<>();
                List<float[]> vv = new ArrayList<>();
                for (int i = 0; i < params.size(); i++) {
                    mm.add(checkpoint.tensor("adamw.m/" + i, params.get(i).size()));
                    vv.add(checkpoint.tensor("adamw.v/" + i, params.get(i).size()));
                }
                long[] steps = new long[params.size()];
                JsonNode s = checkpoint.state().path("adamw_steps");
                if (s.size() != steps.length) throw new BadInputException(dir.checkpoint() + ": optimiser state for " + s.size()
                        + " parameters, this run trains " + steps.length + "; delete the checkpoint to restart the run");
                for (int i = 0; i < steps.length; i++) steps[i] = s.get(i).asLong();
                optimizer.restore(mm, vv, steps);
            }
            targetDimSaved = k;
        }

        int targetDimSaved;

        private boolean[] toArray(List<Boolean> l) {
            boolean[] a = new boolean[l.size()];
            for (int i = 0; i < a.length; i++) a[i] = l.get(i);
            return a;
        }

        void restore(ByolCheckpoint c) {
            restoreBlock("online/backbone/", backbone, c);
            restoreBlock("online/projector/", projector, c);
            restoreBlock("online/predictor/", predictor, c);
            restoreBlock("target/backbone/", targetBackbone, c);
            restoreBlock("target/projector/", targetProjector, c);
        }

        private void restoreBlock(String prefix, Block block, ByolCheckpoint c) {
            for (Pair<String, Parameter> p : block.getParameters()) {
                NDArray a = p.getValue().getArray();
                a.set(c.tensor(prefix + p.getKey(), a.size()));
            }
        }

        Map<String, float[]> tensors() {
            Map<String, float[]> t = new LinkedHashMap<>();
            put(t, "online/backbone/", backbone);
            put(t, "online/projector/", projector);
            put(t, "online/predictor/", predictor);
            put(t, "target/backbone/", targetBackbone);
            put(t, "target/projector/", targetProjector);
            if (map != null) put(t, "map/", map);
            for (int i = 0; i < optimizer.params().size(); i++) {
                t.put("adamw.m/" + i, optimizer.firstMoments().get(i).toFloatArray());
                t.put("adamw.v/" + i, optimizer.secondMoments().get(i).toFloatArray());
            }
            return t;
        }

        private void put(Map<String, float[]> t, String prefix, Block block) {
            for (Pair<String, Parameter> p : block.getParameters()) t.put(prefix + p.getKey(), p.getValue().getArray().toFloatArray());
        }

        /** Nanoseconds spent drawing views since the caller last reset it (the step timing's split). */
        long viewNanos;

        private NDArray[] views(NDManager scope, ViewPair pair, int[] idx, int epoch) {
            long start = System.nanoTime();
            try {
                return drawViews(scope, pair, idx, epoch);
            } finally {
                viewNanos += System.nanoTime() - start;
            }
        }

        private NDArray[] drawViews(NDManager scope, ViewPair pair, int[] idx, int epoch) {
            int c = train.channels();
            float[] v1 = new float[idx.length * c * side * side];
            float[] v2 = new float[v1.length];
            pair.fill(train, idx, config.seed(), epoch, v1, v2, true);
            Shape shape = new Shape(idx.length, c, side, side);
            return new NDArray[] {scope.create(v1, shape), scope.create(v2, shape)};
        }

        double byolStep(NDManager scope, ViewPair pair, int[] idx, int epoch) {
            NDArray[] x = views(scope, pair, idx, epoch);
            NDArray z1 = target(x[0]);
            NDArray z2 = target(x[1]);
            double value;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray p1 = online(x[0]);
                NDArray p2 = online(x[1]);
                NDArray loss = ByolLoss.symmetric(p1, p2, z1, z2);
                gc.backward(loss);
                value = loss.getFloat();
            }
            optimizer.step(byolActive);
            return value;
        }

        double relaStep(NDManager scope, ViewPair pair, int[] idx, int epoch, float[] targets, int k) {
            NDArray[] x = views(scope, pair, idx, epoch);
            float[] y = new float[idx.length * k];
            for (int i = 0; i < idx.length; i++) System.arraycopy(targets, idx[i] * k, y, i * k, k);
            NDArray yt = scope.create(y, new Shape(idx.length, k));
            double value;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray a1 = map.forward(store, backbone.forward(store, new NDList(x[0]), true), true).singletonOrThrow();
                NDArray a2 = map.forward(store, backbone.forward(store, new NDList(x[1]), true), true).singletonOrThrow();
                NDArray loss = ByolLoss.alignment(a1, a2, yt);
                gc.backward(loss);
                value = loss.getFloat();
            }
            optimizer.step(relaActive);
            return value;
        }

        private NDArray online(NDArray x) {
            NDList h = backbone.forward(store, new NDList(x), true);
            NDList z = projector.forward(store, h, true);
            return predictor.forward(store, z, true).singletonOrThrow();
        }

        private NDArray target(NDArray x) {
            NDList h = targetBackbone.forward(store, new NDList(x), true);
            return targetProjector.forward(store, h, true).singletonOrThrow().stopGradient();
        }

        void updateTarget(double momentum) {
            MovingAverage.update(targetTrained, onlineAveraged, momentum);
        }

        float[] features(NDManager m, ImageSet set) {
            return embed(backbone, m, set);
        }
    }

    /** Counters a checkpoint keeps. */
    static final class State {
        int epoch;
        int batch;
        long step;
        long handoverStep = -1;
        double gateFast = LossPlateauGate.INITIAL_FAST;
        double gateSlow = LossPlateauGate.INITIAL_SLOW;
        long gateSteps;
        double relaLoss;
        long relaSteps;
        double byolLoss;
        long byolSteps;
        long imagesProcessed;
        double trainSeconds;
        double targetSeconds;
        double wallSeconds;
        int resumes;
        String targetCache = "none";
        long[] adamSteps = new long[0];
        int targetDim;

        ObjectNode toJson() {
            ObjectNode o = Json.object();
            o.put("epoch", epoch).put("batch", batch).put("step", step).put("handover_step", handoverStep);
            o.put("gate_fast", gateFast).put("gate_slow", gateSlow).put("gate_steps", gateSteps);
            o.put("rela_loss", relaLoss).put("rela_steps", relaSteps).put("byol_loss", byolLoss).put("byol_steps", byolSteps);
            o.put("images_processed", imagesProcessed).put("train_seconds", trainSeconds).put("target_seconds", targetSeconds);
            o.put("wall_seconds", wallSeconds).put("resumes", resumes).put("target_cache", targetCache).put("target_dim", targetDim);
            ArrayNode a = o.putArray("adamw_steps");
            for (long s : adamSteps) a.add(s);
            return o;
        }

        static State fromJson(JsonNode o) {
            State s = new State();
            s.epoch = o.path("epoch").asInt();
            s.batch = o.path("batch").asInt();
            s.step = o.path("step").asLong();
            s.handoverStep = o.path("handover_step").asLong(-1);
            s.gateFast = o.path("gate_fast").asDouble();
            s.gateSlow = o.path("gate_slow").asDouble();
            s.gateSteps = o.path("gate_steps").asLong();
            s.relaLoss = o.path("rela_loss").asDouble();
            s.relaSteps = o.path("rela_steps").asLong();
            s.byolLoss = o.path("byol_loss").asDouble();
            s.byolSteps = o.path("byol_steps").asLong();
            s.imagesProcessed = o.path("images_processed").asLong();
            s.trainSeconds = o.path("train_seconds").asDouble();
            s.targetSeconds = o.path("target_seconds").asDouble();
            s.wallSeconds = o.path("wall_seconds").asDouble();
            s.resumes = o.path("resumes").asInt();
            s.targetCache = o.path("target_cache").asText("none");
            s.targetDim = o.path("target_dim").asInt();
            return s;
        }
    }
}
