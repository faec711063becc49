package io.frugal.methods.rela;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frugal.core.store.Json;
import io.frugal.methods.data.ImageSet;
import io.frugal.methods.train.OneDnn;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * Times the byol trainer's whole target path for {@code frugal bench byol}: {@link TargetBuilder} as
 * a ReLA run calls it, with the CIFAR ResNet-18 prior of the student's own initial weights
 * ({@code rela.prior: random}; a trained prior costs the same per image): every image embedded once
 * un-augmented in eval mode, PCA to k components with per-component standardisation, and the cache
 * file written with its checksum; then the same call again, which reads the cache.
 */
public final class ByolTargetTiming {
    /**
     * buildSeconds: the first call, all of it; embedSeconds and whiteningSeconds its two compute
     * stages (the rest is building the prior and writing the cache file); reuseSeconds: the second
     * call, a cache hit (reading and checking the file).
     */
    public record Timing(int images, int k, double buildSeconds, double embedSeconds, double whiteningSeconds, double reuseSeconds,
                         boolean reused) {}

    private ByolTargetTiming() {}

    public static Timing measure(ImageSet images, double width, Path cacheDir, PrintWriter log) {
        ObjectNode raw = (ObjectNode) Json.parse("""
                {"experiment": "bench-targets", "dataset": "cifar10", "seed": 1, "trainer": "byol", "epochs": 1,
                 "backbone": {"name": "%s", "width": %s}, "rela": {"prior": "random"}, "probe": {"epochs": 3}}"""
                .formatted(ByolStepTiming.BACKBONE, Double.toString(width)));
        ByolConfig config = ByolConfig.parse(raw);
        OneDnn.disable();
        int side = images.height();
        int studentDim = new BackboneSpec(config.backbone(), width, images.channels()).create(config.seed()).featureDim();
        try (NDManager manager = NDManager.newBaseManager()) {
            TargetBuilder builder = new TargetBuilder(config, images, Map.of(), cacheDir, studentDim, side, log);
            long t0 = System.nanoTime();
            TargetBuilder.Targets built = builder.targets(manager);
            long t1 = System.nanoTime();
            TargetBuilder.Targets again = builder.targets(manager);
            long t2 = System.nanoTime();
            return new Timing(images.count(), built.k(), (t1 - t0) / 1e9, built.embedSeconds(), built.whiteningSeconds(),
                    (t2 - t1) / 1e9, !again.built());
        }
    }
}
