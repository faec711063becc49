package io.frugal.methods.rela;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.frugal.core.random.SeededRandom;
import org.junit.jupiter.api.Test;

class TargetWhiteningTest {

    /** n embeddings of length m: correlated Gaussian mixtures with per-dimension offsets and very unequal scales. */
    static float[] correlated(int n, int m, int latent, long seed) {
        SeededRandom rng = SeededRandom.of(seed, "test");
        double[][] mix = new double[latent][m];
        for (int l = 0; l < latent; l++) for (int j = 0; j < m; j++) mix[l][j] = rng.nextGaussian() * (l + 1) * (l + 1);
        float[] y = new float[n * m];
        double[] z = new double[latent];
        for (int i = 0; i < n; i++) {
            for (int l = 0; l < latent; l++) z[l] = rng.nextGaussian();
            for (int j = 0; j < m; j++) {
                double v = 5 + j; // offsets: the mean must be removed
                for (int l = 0; l < latent; l++) v += z[l] * mix[l][j];
                y[i * m + j] = (float) v;
            }
        }
        return y;
    }

    static double[][] covariance(float[] t, int n, int k, double[] meanOut) {
        for (int i = 0; i < n; i++) for (int c = 0; c < k; c++) meanOut[c] += t[i * k + c] / (double) n;
        double[][] cov = new double[k][k];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < k; a++) {
                for (int b = 0; b < k; b++) cov[a][b] += (t[i * k + a] - meanOut[a]) * (t[i * k + b] - meanOut[b]) / n;
            }
        }
        return cov;
    }

    @Test
    void whitenedTargetsHaveZeroMeanUnitVarianceAndNoCorrelation() {
        int n = 3000, m = 12;
        float[] y = correlated(n, m, 12, 1);
        TargetWhitening w = TargetWhitening.fit(y, n, m, 8, true);
        assertThat(w.outputDim()).isEqualTo(8);
        float[] t = w.apply(y, n);
        assertThat(t).hasSize(n * 8);
        double[] mean = new double[8];
        double[][] cov = covariance(t, n, 8, mean);
        for (int a = 0; a < 8; a++) {
            assertThat(mean[a]).isCloseTo(0, within(1e-5));
            for (int b = 0; b < 8; b++) assertThat(cov[a][b]).as("cov %d %d", a, b).isCloseTo(a == b ? 1 : 0, within(1e-4));
        }
        double[] v = w.componentVariances();
        for (int c = 1; c < v.length; c++) assertThat(v[c]).isLessThanOrEqualTo(v[c - 1]);
        assertThat(w.degenerateComponents()).isZero();
    }

    @Test
    void keptComponentsAreTheLeadingPrincipalOnes() {
        // two independent directions of variance 100 and 1 in 3-D, plus a constant third coordinate
        int n = 4000;
        SeededRandom rng = SeededRandom.of(2, "t");
        float[] y = new float[n * 3];
        for (int i = 0; i < n; i++) {
            double a = 10 * rng.nextGaussian();
            double b = rng.nextGaussian();
            y[i * 3] = (float) ((a + b) / Math.sqrt(2));
            y[i * 3 + 1] = (float) ((a - b) / Math.sqrt(2));
            y[i * 3 + 2] = 4f;
        }
        TargetWhitening w = TargetWhitening.fit(y, n, 3, 1, true);
        assertThat(w.outputDim()).isEqualTo(1);
        assertThat(w.componentVariances()[0]).isCloseTo(100, within(6.0));
        float[] t = w.apply(y, n);
        // the kept component is ±a/10: its correlation with a is ±1
        double dot = 0;
        for (int i = 0; i < n; i++) dot += t[i] * (y[i * 3] + y[i * 3 + 1]) / Math.sqrt(2);
        assertThat(Math.abs(dot / n) / 10).isCloseTo(1, within(0.05));
    }

    @Test
    void targetDimensionIsTheSmallerOfStudentAndPriorDimensions() {
        assertThat(TargetWhitening.targetDim(512, 2048)).isEqualTo(512);
        assertThat(TargetWhitening.targetDim(2048, 512)).isEqualTo(512);
        float[] y = correlated(200, 6, 6, 3);
        assertThat(TargetWhitening.fit(y, 200, 6, 4, true).outputDim()).isEqualTo(4);
        assertThat(TargetWhitening.fit(y, 200, 6, 64, true).outputDim()).isEqualTo(6);
    }

    @Test
    void withoutWhiteningTheTargetsAreTheRawEmbeddings() {
        float[] y = correlated(50, 5, 5, 4);
        TargetWhitening w = TargetWhitening.fit(y, 50, 5, 3, false);
        assertThat(w.whitens()).isFalse();
        assertThat(w.outputDim()).isEqualTo(5);
        assertThat(w.apply(y, 50)).containsExactly(y);
    }

    @Test
    void fewerImagesThanDimensionsLeavesTheMissingComponentsAtZero() {
        // 4 points span at most 3 centred directions in 10-D
        float[] y = correlated(4, 10, 10, 5);
        TargetWhitening w = TargetWhitening.fit(y, 4, 10, 10, true);
        assertThat(w.degenerateComponents()).isEqualTo(7);
        float[] t = w.apply(y, 4);
        for (float v : t) assertThat(Float.isFinite(v)).isTrue();
        for (int i = 0; i < 4; i++) for (int c = 3; c < 10; c++) assertThat(t[i * 10 + c]).isZero();
        double[] mean = new double[10];
        double[][] cov = covariance(t, 4, 10, mean);
        for (int c = 0; c < 3; c++) assertThat(cov[c][c]).isCloseTo(1, within(1e-4));
    }

    @Test
    void badInputIsRejected() {
        assertThatThrownBy(() -> TargetWhitening.fit(new float[5], 2, 3, 2, true)).isInstanceOf(IllegalArgumentException.class);
        float[] y = correlated(10, 2, 2, 1);
        y[3] = Float.NaN;
        assertThatThrownBy(() -> TargetWhitening.fit(y, 10, 2, 2, true)).hasMessageContaining("embedding 1");
    }

    @Test
    void jacobiSolvesAKnownMatrixAndARandomOne() {
        // [[2, 1], [1, 2]]: eigenvalues 3 and 1, vectors (1, 1)/√2 and (1, -1)/√2 (sign: largest entry positive)
        SymmetricEigen e = SymmetricEigen.of(new double[][] {{2, 1}, {1, 2}});
        assertThat(e.values()[0]).isCloseTo(3, within(1e-14));
        assertThat(e.values()[1]).isCloseTo(1, within(1e-14));
        assertThat(Math.abs(e.vector(0)[0])).isCloseTo(Math.sqrt(0.5), within(1e-14));
        int m = 40;
        SeededRandom rng = SeededRandom.of(7, "t");
        double[][] a = new double[m][m];
        for (int i = 0; i < m; i++) for (int j = 0; j <= i; j++) a[i][j] = a[j][i] = rng.nextGaussian();
        SymmetricEigen r = SymmetricEigen.of(a);
        double trace = 0, sum = 0;
        for (int i = 0; i < m; i++) {
            trace += a[i][i];
            sum += r.values()[i];
            double[] v = r.vector(i);
            double norm = 0;
            for (int j = 0; j < m; j++) {
                double av = 0;
                for (int k = 0; k < m; k++) av += a[j][k] * v[k];
                assertThat(av).isCloseTo(r.values()[i] * v[j], within(1e-10));
                norm += v[j] * v[j];
            }
            assertThat(norm).isCloseTo(1, within(1e-12));
            for (int k = 0; k < i; k++) {
                double dot = 0;
                for (int j = 0; j < m; j++) dot += v[j] * r.vector(k)[j];
                assertThat(dot).isCloseTo(0, within(1e-12));
            }
        }
        assertThat(sum).isCloseTo(trace, within(1e-10));
        assertThatThrownBy(() -> SymmetricEigen.of(new double[][] {{1, 2}, {3, 1}})).hasMessageContaining("not symmetric");
    }

    @Test
    void chunksOnTheEngineGiveTheSameStatisticsAsOneJavaPass() {
        int n = 1000, m = 9;
        float[] y = correlated(n, m, 9, 6);
        for (int i = 0; i < y.length; i++) y[i] += 1000; // a large common offset: the shift must absorb it
        TargetWhitening.Statistics plain = new TargetWhitening.Statistics(m, null);
        plain.add(y, n);
        double[][] reference = plain.covariance();
        try (ai.djl.ndarray.NDManager manager = ai.djl.ndarray.NDManager.newBaseManager();
             TargetWhitening.Statistics engine = new TargetWhitening.Statistics(m, manager)) {
            for (int from = 0; from < n; from += 300) {
                int rows = Math.min(300, n - from);
                engine.add(java.util.Arrays.copyOfRange(y, from * m, (from + rows) * m), rows);
            }
            assertThat(engine.count()).isEqualTo(n);
            double[][] cov = engine.covariance();
            for (int a = 0; a < m; a++) {
                assertThat(engine.mean()[a]).isCloseTo(plain.mean()[a], within(1e-9));
                for (int b = 0; b < m; b++) assertThat(cov[a][b]).isCloseTo(reference[a][b], within(1e-9 * Math.abs(reference[a][a])));
            }
            float[] t = engine.fit(5, true).apply(y, n);
            double[] mean = new double[5];
            double[][] c = covariance(t, n, 5, mean);
            for (int a = 0; a < 5; a++) for (int b = 0; b < 5; b++) assertThat(c[a][b]).isCloseTo(a == b ? 1 : 0, within(1e-4));
        }
    }

    @Test
    void jacobiOnA256DimensionalCovarianceTakesSeconds() {
        int m = 256;
        float[] y = correlated(600, m, 32, 8);
        long t0 = System.nanoTime();
        TargetWhitening w = TargetWhitening.fit(y, 600, m, 128, true);
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("whitening fit, N 600, m %d: %.2f s%n", m, seconds);
        assertThat(w.outputDim()).isEqualTo(128);
        assertThat(seconds).isLessThan(30);
    }
}
