package io.frugal.methods.rela;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.frugal.methods.data.ImageSet;

/**
 * Not a test (surefire skips it): times one forward + backward of ResNet-18 (CIFAR stem, w = 1) at
 * batch 128 on 32×32 inputs, and the BYOL view augmentation, on this machine's CPU. Run with the
 * test classpath: {@code java -cp ... io.frugal.methods.rela.ReLaBlocksBenchmark [iterations]}.
 */
public final class ReLaBlocksBenchmark {
    public static void main(String[] args) {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int batch = 128;
        if (args.length > 1 && args[1].equals("whitening")) {
            whitening(Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            return;
        }
        if (iterations > 0) network(iterations, batch);
        augmentation();
    }

    /** Statistics on the engine for n embeddings of length m (in chunks of 4096), then the fit. */
    private static void whitening(int n, int m) {
        float[] chunk = new float[4096 * m];
        io.frugal.core.random.SeededRandom rng = io.frugal.core.random.SeededRandom.of(1, "bench");
        try (NDManager manager = NDManager.newBaseManager();
             TargetWhitening.Statistics stats = new TargetWhitening.Statistics(m, manager)) {
            long t0 = System.nanoTime();
            for (int done = 0; done < n; done += 4096) {
                int rows = Math.min(4096, n - done);
                for (int i = 0; i < rows * m; i++) chunk[i] = (float) rng.nextGaussian() * (1 + i % m);
                stats.add(chunk, rows);
            }
            long t1 = System.nanoTime();
            TargetWhitening w = stats.fit(m, true);
            long t2 = System.nanoTime();
            System.out.printf("whitening N %d, m %d: statistics %.1f s (incl. generating the data), eigen + fit %.1f s, k %d%n",
                    n, m, (t1 - t0) / 1e9, (t2 - t1) / 1e9, w.outputDim());
        }
    }

    private static void network(int iterations, int batch) {
        try (NDManager m = NDManager.newBaseManager()) {
            Backbone net = new BackboneSpec("resnet18", 1, 3).create(1);
            net.initialize(m, DataType.FLOAT32, new Shape(batch, 3, 32, 32));
            ParameterStore store = new ParameterStore(m, false);
            double[] seconds = new double[iterations + 2];
            for (int it = 0; it < iterations + 2; it++) {
                try (NDManager step = m.newSubManager()) {
                    NDArray x = step.randomUniform(0, 1, new Shape(batch, 3, 32, 32));
                    long t0 = System.nanoTime();
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray f = net.forward(store, new NDList(x), true).singletonOrThrow();
                        gc.backward(f.square().mean());
                    }
                    seconds[it] = (System.nanoTime() - t0) / 1e9;
                }
            }
            java.util.Arrays.sort(seconds, 2, seconds.length);
            System.out.printf("resnet18-cifar w=1 batch %d fwd+bwd: median %.3f s, min %.3f s over %d (after 2 warm-up)%n", batch,
                    seconds[2 + iterations / 2], seconds[2], iterations);
        }
    }

    private static void augmentation() {
        ImageSet set = ViewAugmenterTest.patterned(256, 3, 32);
        float[] out = new float[3 * 32 * 32];
        ViewAugmenter aug = new ViewAugmenter(ViewParams.byol(1, 32), 32);
        for (int i = 0; i < 20_000; i++) aug.view(set, i % 256, 1, 0, 1, out, 0);
        long t0 = System.nanoTime();
        int n = 100_000;
        for (int i = 0; i < n; i++) aug.view(set, i % 256, 1, 1, 1, out, 0);
        System.out.printf("BYOL view 32x32: %.1f us per view (one thread)%n", (System.nanoTime() - t0) / 1e3 / n);
        ImageSet big = ViewAugmenterTest.patterned(16, 3, 96);
        float[] out2 = new float[3 * 96 * 96];
        ViewAugmenter aug2 = new ViewAugmenter(ViewParams.byol(1, 96), 96);
        for (int i = 0; i < 500; i++) aug2.view(big, i % 16, 1, 0, 1, out2, 0);
        t0 = System.nanoTime();
        for (int i = 0; i < 2000; i++) aug2.view(big, i % 16, 1, 1, 1, out2, 0);
        System.out.printf("BYOL view 96x96 with blur: %.1f us per view (one thread)%n", (System.nanoTime() - t0) / 1e3 / 2000);
    }
}
