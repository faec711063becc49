package io.frugal.methods.rela;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frugal.core.BadInputException;
import io.frugal.core.store.Json;
import io.frugal.core.store.RunDirectory;
import io.frugal.methods.data.ImageSet;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * ReLA's targets for one run: the frozen prior (the backbone of the run in role {@code prior}, the
 * student's own initial weights for {@code random}, or a DJL parameter file) embeds every training
 * image once (a TorchScript file is also accepted, {@link TorchScriptPrior}), un-augmented (the stored image, scaled to [0, 1]; these datasets need no crop), in eval
 * mode; then {@link TargetWhitening} (k = min(student dim, prior dim), or the raw embeddings with
 * whitening off). Cached in {@link TargetCache} under a key of dataset, limits, classes, the prior's
 * architecture and parameter sha256, preprocessing, whitening and k.
 */
final class TargetBuilder {
    static final String PREPROCESSING = "stored-size, pixels/255, no augmentation, eval-mode batch norm";

    /** {@code embedSeconds} and {@code whiteningSeconds}: the build's two stages (0 when read from the cache). */
    record Targets(float[] values, int n, int k, boolean built, String priorSha256, double embedSeconds, double whiteningSeconds) {}

    private final ByolConfig config;
    private final ImageSet train;
    private final Map<String, RunDirectory> inputs;
    private final Path cacheDir;
    private final int studentDim;
    private final int side;
    private final PrintWriter out;

    TargetBuilder(ByolConfig config, ImageSet train, Map<String, RunDirectory> inputs, Path cacheDir, int studentDim, int side,
                  PrintWriter out) {
        this.config = config;
        this.train = train;
        this.inputs = inputs;
        this.cacheDir = cacheDir;
        this.studentDim = studentDim;
        this.side = side;
        this.out = out;
    }

    /** A frozen prior: its feature length, its features of a set of images, its content hash and architecture. */
    private record Prior(int dim, java.util.function.Function<ImageSet, float[]> embed, String sha256, String architecture,
                         AutoCloseable resource) {}

    Targets targets(NDManager parent) {
        try (NDManager manager = parent.newSubManager()) {
            Prior prior = resolve(manager);
            try {
                return targets(prior);
            } finally {
                if (prior.resource() != null) prior.resource().close();
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Prior resolve(NDManager manager) {
        if ("file".equals(config.rela().prior()) && config.rela().priorFile().endsWith(".pt")) {
            Path file = Path.of(config.rela().priorFile());
            if (!Files.isRegularFile(file)) throw new BadInputException("rela.prior_file " + file + " does not exist or is not a file");
            TorchScriptPrior p = TorchScriptPrior.load(file, train.channels(), side);
            return new Prior(p.featureDim(), p::embed, p.sha256(), "torchscript", p);
        }
        BackboneFile.Loaded b = prior(manager);
        return new Prior(b.backbone().featureDim(), set -> ByolTraining.embed(b.backbone(), manager, set), b.sha256(),
                b.spec().name() + " w" + b.spec().width() + " c" + b.spec().inputChannels(), null);
    }

    private Targets targets(Prior prior) {
        int m = prior.dim();
        boolean whiten = config.rela().whitening();
        int k = whiten ? TargetWhitening.targetDim(studentDim, m) : m;
        ObjectNode key = Json.object();
        key.put("dataset", config.dataset());
        key.put("train_images", train.count());
        key.put("train_limit", config.trainLimit() == null ? -1 : config.trainLimit());
        key.put("classes", config.classes() == null ? "all" : config.classes().toString());
        key.put("prior", prior.architecture());
        key.put("prior_sha256", prior.sha256());
        key.put("preprocessing", PREPROCESSING);
        key.put("whitening", whiten);
        key.put("k", k);
        String name = Json.sha256(key);
        long[] stages = new long[2];
        TargetCache.Result r = new TargetCache(cacheDir).get(name, train.count(), k, () -> {
            long t0 = System.nanoTime();
            float[] y = prior.embed().apply(train);
            long t1 = System.nanoTime();
            TargetWhitening w = TargetWhitening.fit(y, train.count(), m, studentDim, whiten);
            float[] t = w.apply(y, train.count());
            long t2 = System.nanoTime();
            stages[0] = t1 - t0;
            stages[1] = t2 - t1;
            out.printf(Locale.ROOT, "targets: %d images through the %s prior (%d -> %d), %.1f s%n", train.count(),
                    config.rela().prior(), m, w.outputDim(), (t2 - t0) / 1e9);
            return t;
        });
        if (!r.built()) out.printf(Locale.ROOT, "targets: reused %s%n", r.file());
        out.flush();
        return new Targets(r.targets(), r.n(), k, r.built(), prior.sha256(), stages[0] / 1e9, stages[1] / 1e9);
    }

    private BackboneFile.Loaded prior(NDManager manager) {
        int channels = train.channels();
        return switch (config.rela().prior()) {
            case "random" -> {
                BackboneSpec spec = new BackboneSpec(config.backbone(), config.width(), channels);
                Backbone b = spec.create(config.seed());
                b.initialize(manager, DataType.FLOAT32, new Shape(2, channels, side, side));
                b.freezeParameters(true);
                yield new BackboneFile.Loaded(b, spec, BackboneFile.sha256(BackboneFile.paramBytes(b)));
            }
            case "input" -> {
                RunDirectory run = inputs.get(ByolConfig.PRIOR_ROLE);
                if (run == null) throw new BadInputException("rela.prior is 'input' but the run was given no '" + ByolConfig.PRIOR_ROLE + "' input");
                yield BackboneFile.readRunModel(run.modelDir(), channels, side, manager);
            }
            case "file" -> {
                Path file = Path.of(config.rela().priorFile());
                if (!Files.isRegularFile(file)) throw new BadInputException("rela.prior_file " + file + " does not exist or is not a file");
                BackboneSpec spec = new BackboneSpec(config.rela().priorBackbone(), config.rela().priorWidth(), channels);
                yield BackboneFile.readParams(file, spec, side, manager);
            }
            default -> throw new IllegalStateException("no prior for '" + config.rela().prior() + "'");
        };
    }
}
