package io.frugal.methods.rela;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * ReLA's regression targets from a prior's embeddings Y (N × m, row-major floats): centre, project on
 * the top k = min(student feature dimension, m) principal components, and divide each component by its
 * standard deviation, so targets have zero mean, unit variance and uncorrelated components. With
 * whitening off the targets are the raw embeddings (k = m), the spec's "whitening on/off" option.
 *
 * <p>Statistics are population ones (divided by N), so the fitted data come out with variance exactly
 * 1 up to rounding. Mean and covariance are accumulated in double ({@link Statistics}, in chunks, on
 * the engine or in Java); the covariance's eigenvectors come from {@link SymmetricEigen}. A component whose variance is below 1e-10 of the largest (k larger than
 * the rank of the centred data, e.g. fewer images than dimensions) carries no information: it is set
 * to 0 rather than amplifying rounding noise to unit variance, and {@link #degenerateComponents()}
 * says how many there are.
 */
public final class TargetWhitening {
    private static final double DEGENERATE = 1e-10;

    private final boolean whiten;
    private final int inputDim;
    private final int outputDim;
    private final double[] mean;
    private final double[][] projection; // k rows of length m: eigenvector / sqrt(eigenvalue), or 0
    private final double[] variances;
    private final int degenerate;

    private TargetWhitening(boolean whiten, int inputDim, int outputDim, double[] mean, double[][] projection,
                            double[] variances, int degenerate) {
        this.whiten = whiten;
        this.inputDim = inputDim;
        this.outputDim = outputDim;
        this.mean = mean;
        this.projection = projection;
        this.variances = variances;
        this.degenerate = degenerate;
    }

    /** The target dimension k the spec asks for: min(student feature dimension, prior dimension). */
    public static int targetDim(int studentDim, int priorDim) {
        return Math.min(studentDim, priorDim);
    }

    /** Fits on {@code n} embeddings of length {@code m} in {@code y} (row-major), statistics in Java. */
    public static TargetWhitening fit(float[] y, int n, int m, int studentDim, boolean whiten) {
        if (n < 2 || m < 1 || (long) n * m != y.length) {
            throw new IllegalArgumentException("need at least 2 embeddings of length >= 1 in " + y.length + " floats (n " + n + ", m " + m + ")");
        }
        Statistics stats = new Statistics(m, null);
        stats.add(y, n);
        return stats.fit(studentDim, whiten);
    }

    /**
     * Mean and covariance of embeddings handed over in chunks, so a dataset whose embeddings do not
     * fit in one array (ImageNet-1K: 1.28 M × 2048 floats) is one pass over the prior's outputs.
     * One pass, shifted: sums of (y − s) and (y − s)(y − s)ᵀ in double, s the first chunk's mean, so
     * the subtraction of the mean at the end cancels nothing significant. With an {@link NDManager}
     * the outer products are one float64 matrix product per chunk on the engine (BLAS), else a Java
     * loop over the upper triangle: fine up to a few hundred thousand values of N·m²; ImageNet-scale
     * priors need the engine.
     */
    public static final class Statistics implements AutoCloseable {
        private final int m;
        private final NDManager manager;
        private double[] shift;
        private final double[] sum;
        private double[][] javaGram;
        private NDArray engineGram;
        private long n;

        public Statistics(int m, NDManager manager) {
            if (m < 1) throw new IllegalArgumentException("embedding length must be positive: " + m);
            this.m = m;
            this.manager = manager == null ? null : manager.newSubManager();
            this.sum = new double[m];
        }

        /** Adds {@code rows} embeddings (row-major, length m each) from {@code chunk}. */
        public void add(float[] chunk, int rows) {
            if ((long) rows * m > chunk.length) throw new IllegalArgumentException(chunk.length + " floats hold fewer than " + rows + " embeddings of " + m);
            if (rows == 0) return;
            if (shift == null) {
                shift = new double[m];
                for (int i = 0; i < rows; i++) for (int j = 0; j < m; j++) shift[j] += chunk[i * m + j];
                for (int j = 0; j < m; j++) shift[j] /= rows;
            }
            double[] centred = new double[rows * m];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < m; j++) {
                    float v = chunk[i * m + j];
                    if (!Float.isFinite(v)) throw new IllegalArgumentException("embedding " + (n + i) + " has a non-finite value at " + j);
                    double d = v - shift[j];
                    centred[i * m + j] = d;
                    sum[j] += d;
                }
            }
            if (manager != null) {
                try (NDManager local = manager.newSubManager()) {
                    NDArray x = local.create(centred, new Shape(rows, m));
                    NDArray g = x.transpose().matMul(x);
                    if (engineGram == null) {
                        engineGram = g;
                        engineGram.attach(manager);
                    } else {
                        engineGram.addi(g);
                    }
                }
            } else {
                if (javaGram == null) javaGram = new double[m][m];
                for (int i = 0; i < rows; i++) {
                    int at = i * m;
                    for (int a = 0; a < m; a++) {
                        double ca = centred[at + a];
                        double[] row = javaGram[a];
                        for (int b = a; b < m; b++) row[b] += ca * centred[at + b];
                    }
                }
            }
            n += rows;
        }

        public long count() {
            return n;
        }

        /** Population mean. */
        double[] mean() {
            double[] mean = new double[m];
            for (int j = 0; j < m; j++) mean[j] = shift[j] + sum[j] / n;
            return mean;
        }

        /** Population covariance (divided by N). */
        double[][] covariance() {
            double[][] cov = new double[m][m];
            double[] g = engineGram == null ? null : engineGram.toDoubleArray();
            for (int a = 0; a < m; a++) {
                for (int b = a; b < m; b++) {
                    double gab = g != null ? g[a * m + b] : javaGram[a][b];
                    double v = gab / n - (sum[a] / n) * (sum[b] / n);
                    cov[a][b] = v;
                    cov[b][a] = v;
                }
            }
            return cov;
        }

        public TargetWhitening fit(int studentDim, boolean whiten) {
            if (n < 2) throw new IllegalArgumentException("need at least 2 embeddings, got " + n);
            if (studentDim < 1) throw new IllegalArgumentException("student feature dimension must be positive: " + studentDim);
            if (!whiten) return new TargetWhitening(false, m, m, null, null, null, 0);
            return TargetWhitening.fromMoments(mean(), covariance(), studentDim);
        }

        @Override
        public void close() {
            if (manager != null) manager.close();
        }
    }

    private static TargetWhitening fromMoments(double[] mean, double[][] cov, int studentDim) {
        int m = mean.length;
        SymmetricEigen eig = SymmetricEigen.of(cov);
        int k = targetDim(studentDim, m);
        double[] values = eig.values();
        double[][] projection = new double[k][];
        double[] variances = new double[k];
        int degenerate = 0;
        double largest = Math.max(values[0], 0);
        for (int c = 0; c < k; c++) {
            double[] v = eig.vector(c);
            variances[c] = Math.max(values[c], 0);
            if (!(variances[c] > DEGENERATE * largest) || largest == 0) {
                degenerate++;
                projection[c] = new double[m];
            } else {
                double inv = 1 / Math.sqrt(variances[c]);
                for (int j = 0; j < m; j++) v[j] *= inv;
                projection[c] = v;
            }
        }
        return new TargetWhitening(true, m, k, mean, projection, variances, degenerate);
    }

    public boolean whitens() {
        return whiten;
    }

    /** Prior embedding length m. */
    public int inputDim() {
        return inputDim;
    }

    /** Target length k. */
    public int outputDim() {
        return outputDim;
    }

    /** Variance of each kept principal component before standardisation (largest first); empty without whitening. */
    public double[] componentVariances() {
        return variances == null ? new double[0] : variances.clone();
    }

    public int degenerateComponents() {
        return degenerate;
    }

    /** Targets for {@code n} embeddings (row-major n × m) → row-major n × k; apply chunk by chunk for large N. */
    public float[] apply(float[] y, int n) {
        if ((long) n * inputDim != y.length) throw new IllegalArgumentException(y.length + " floats are not " + n + " embeddings of " + inputDim);
        if (!whiten) return y.clone();
        float[] out = new float[n * outputDim];
        double[] centred = new double[inputDim];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < inputDim; j++) centred[j] = y[i * inputDim + j] - mean[j];
            for (int c = 0; c < outputDim; c++) {
                double[] p = projection[c];
                double s = 0;
                for (int j = 0; j < inputDim; j++) s += p[j] * centred[j];
                out[i * outputDim + c] = (float) s;
            }
        }
        return out;
    }
}
