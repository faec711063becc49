package io.frugal.methods.flowimages;

import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frugal.core.store.Json;
import io.frugal.methods.classifier.ClassifierModel;
import io.frugal.methods.data.ImageSet;
import java.io.PrintWriter;

/**
 * What a trained denoiser is measured by: the share of class a among generated images (each
 * labelled a or b by whichever of the two classes' logits of the classifier is larger; the share
 * whose largest logit of all classes is neither a nor b is reported beside it), and the U-turn:
 * real test images of each class noised to diffusion time s0 = 1 − t0 and integrated back, per
 * t0 the fraction that ends as class a.
 */
final class FlowImagesEvaluation {
    record Measured(double proportionA, double otherFraction, int samples, double classifierAccuracy, ObjectNode uturn,
                    SwitchInterval switchInterval) {}

    private final FlowImagesConfig config;
    private final ClassifierModel classifier;
    private final NDManager manager;
    private final DdpmSampler sampler;

    FlowImagesEvaluation(FlowImagesConfig config, Denoiser network, ParameterStore store, ClassifierModel classifier, NDManager manager) {
        this.config = config;
        this.classifier = classifier;
        this.manager = manager;
        this.sampler = new DdpmSampler(network, store, VpSchedule.PAPER, config.imageSize());
    }

    Measured measure(ImageSet test, PrintWriter out) {
        int side = config.imageSize();
        int size = side * side;
        long seed = config.seed();
        float[] start = DdpmSampler.noise(config.samples(), size, seed, "flow-images-sample-start");
        float[] generated = sampler.integrate(start, config.samples(), 1.0, config.samplerSteps(), seed, "flow-images-sample", manager);
        int[] counts = label(generated, config.samples());
        double pa = (double) counts[0] / config.samples();
        double other = (double) counts[2] / config.samples();
        out.printf("frugal train: %d generated images: class %d %.3f (target %.3f), neither class %.3f%n", config.samples(), config.classA(),
                pa, config.proportionA(), other);

        TwoClassImages fromA = TwoClassImages.testImages(test, config.classA(), config.uturnImages(), seed, side);
        TwoClassImages fromB = TwoClassImages.testImages(test, config.classB(), config.uturnImages(), seed, side);
        int n = config.uturnImages();
        int correct = label(fromA.pixels(), n)[0] + label(fromB.pixels(), n)[1];
        double accuracy = correct / (2.0 * n);
        double[] times = config.uturnTimes().stream().mapToDouble(Double::doubleValue).toArray();
        double[] aToA = new double[times.length];
        double[] bToA = new double[times.length];
        for (int j = 0; j < times.length; j++) {
            double s0 = 1 - times[j];
            int steps = Math.max(1, (int) Math.round(config.samplerSteps() * s0));
            aToA[j] = uturn(fromA, s0, steps, "a", j) / n;
            bToA[j] = uturn(fromB, s0, steps, "b", j) / n;
            out.printf("frugal train: U-turn t0 %.2f (%d steps): ends as class %d from %d %.3f, from %d %.3f%n", times[j], steps, config.classA(),
                    config.classA(), aToA[j], config.classB(), bToA[j]);
            out.flush();
        }
        ObjectNode u = Json.object();
        u.set("t0", DenoiserTraining.numbers(times));
        u.set("from_a", DenoiserTraining.numbers(aToA));
        u.set("from_b", DenoiserTraining.numbers(bToA));
        u.put("images_per_class", n);
        return new Measured(pa, other, config.samples(), accuracy, u, SwitchInterval.of(times, bToA, pa));
    }

    private double uturn(TwoClassImages starts, double s0, int steps, String which, int j) {
        long seed = config.seed();
        float[] noised = sampler.noised(starts.pixels(), starts.count(), s0, seed, "flow-images-uturn-noise-" + which + "-" + j);
        float[] back = sampler.integrate(noised, starts.count(), s0, steps, seed, "flow-images-uturn-" + which + "-" + j, manager);
        return label(back, starts.count())[0];
    }

    /** Counts of images labelled a, labelled b, and whose largest logit is neither. */
    private int[] label(float[] images, int count) {
        float[][] logits = classifier.logits(TwoClassImages.toClassifierInput(images, count, config.imageSize()), count);
        int[] counts = new int[3];
        for (float[] l : logits) {
            counts[l[config.classA()] >= l[config.classB()] ? 0 : 1]++;
            int best = 0;
            for (int k = 1; k < l.length; k++) if (l[k] > l[best]) best = k;
            if (best != config.classA() && best != config.classB()) counts[2]++;
        }
        return counts;
    }
}
