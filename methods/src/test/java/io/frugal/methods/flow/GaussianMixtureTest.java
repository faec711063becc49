package io.frugal.methods.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.frugal.core.random.SeededRandom;
import org.junit.jupiter.api.Test;

class GaussianMixtureTest {
    /** E[x1 | x] by the precision form of each component's posterior and the full component evidences. */
    private static double[] directPosteriorMean(GaussianMixture g, double a, double b, double[] x) {
        int d = x.length;
        double s2 = g.sigma() * g.sigma();
        double gamma = a * a + s2 * b * b;
        double[] logWeight = new double[2];
        double[][] mean = new double[2][d];
        int[] modes = {1, -1};
        for (int m = 0; m < 2; m++) {
            int s = modes[m];
            double sq = 0;
            for (int j = 0; j < d; j++) sq += (x[j] - b * s) * (x[j] - b * s);
            logWeight[m] = Math.log(s == 1 ? g.p() : 1 - g.p()) - sq / (2 * gamma) - 0.5 * d * Math.log(2 * Math.PI * gamma);
            double precision = 1 / s2 + b * b / (a * a);
            for (int j = 0; j < d; j++) mean[m][j] = (s / s2 + b * x[j] / (a * a)) / precision;
        }
        double top = Math.max(logWeight[0], logWeight[1]);
        double w0 = Math.exp(logWeight[0] - top);
        double w1 = Math.exp(logWeight[1] - top);
        double[] out = new double[d];
        for (int j = 0; j < d; j++) out[j] = (w0 * mean[0][j] + w1 * mean[1][j]) / (w0 + w1);
        return out;
    }

    @Test
    void closedFormDenoiserEqualsTheDirectBayesPosteriorAtRandomPoints() {
        SeededRandom r = SeededRandom.of(11, "test");
        for (int trial = 0; trial < 200; trial++) {
            int d = 1 + r.nextInt(60);
            GaussianMixture g = new GaussianMixture(d, r.uniform(0.05, 0.95), r.uniform(0.2, 3));
            double tau = r.uniform(0.01, 0.99);
            double a = 1 - tau;
            double b = tau;
            double[] x = new double[d];
            double shift = r.uniform(-2, 2) * b;
            for (int j = 0; j < d; j++) x[j] = shift + r.nextGaussian() * Math.sqrt(g.gamma(a, b));
            double[] closed = g.denoise(a, b, x);
            double[] direct = directPosteriorMean(g, a, b, x);
            for (int j = 0; j < d; j++) assertThat(closed[j]).as("trial %d coordinate %d", trial, j).isCloseTo(direct[j], within(1e-9 * (1 + Math.abs(direct[j]))));
        }
    }

    @Test
    void closedFormDenoiserAgreesWithMonteCarloOverThePriorInLowDimension() {
        // self-normalised importance sampling: x1 from the prior, weight N(x; b·x1, a²I)
        GaussianMixture g = new GaussianMixture(2, 0.7, 1.6);
        double a = 0.6;
        double b = 0.4;
        double[] x = {0.3, -0.5};
        SeededRandom r = SeededRandom.of(3, "mc");
        double[] sum = new double[2];
        double total = 0;
        for (int i = 0; i < 400_000; i++) {
            double s = r.nextDouble() < g.p() ? 1 : -1;
            double x0 = s + g.sigma() * r.nextGaussian();
            double x1 = s + g.sigma() * r.nextGaussian();
            double sq = (x[0] - b * x0) * (x[0] - b * x0) + (x[1] - b * x1) * (x[1] - b * x1);
            double w = Math.exp(-sq / (2 * a * a));
            sum[0] += w * x0;
            sum[1] += w * x1;
            total += w;
        }
        double[] closed = g.denoise(a, b, x);
        assertThat(sum[0] / total).isCloseTo(closed[0], within(0.02));
        assertThat(sum[1] / total).isCloseTo(closed[1], within(0.02));
    }

    @Test
    void trainingSetIsDeterministicAndHasTheMixturesModeWeightAndSpread() {
        GaussianMixture g = new GaussianMixture(50, 0.8, 1.0);
        GaussianMixture.Points a = g.draw(2000, 9, "data");
        GaussianMixture.Points b = g.draw(2000, 9, "data");
        assertThat(a.values()).isEqualTo(b.values());
        assertThat(g.draw(2000, 10, "data").values()).isNotEqualTo(a.values());
        // the first points do not depend on n
        assertThat(java.util.Arrays.copyOf(g.draw(10, 9, "data").values(), 500)).isEqualTo(java.util.Arrays.copyOf(a.values(), 500));
        long plus = java.util.Arrays.stream(a.modes()).filter(s -> s == 1).count();
        assertThat(plus / 2000.0).isCloseTo(0.8, within(0.03));
        double var = 0;
        for (int i = 0; i < 2000; i++) for (int j = 0; j < 50; j++) {
            double e = a.values()[i * 50 + j] - a.modes()[i];
            var += e * e;
        }
        assertThat(var / (2000 * 50)).isCloseTo(1.0, within(0.02));
    }
}
