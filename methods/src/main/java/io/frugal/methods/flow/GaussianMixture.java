package io.frugal.methods.flow;

import io.frugal.core.random.SeededRandom;

/**
 * The target p·N(μ, σ²I) + (1 − p)·N(−μ, σ²I) with μ = 1_d, and its exact Bayes denoiser.
 *
 * <p>Derivation of the denoiser for x = a·z + b·x1, x1 = s·μ + σ·η, z, η ~ N(0, I): given the mode s,
 * x ~ N(b·s·μ, Γ·I) with Γ = a² + σ²b², and Cov(x1, x | s) = σ²b·I. So
 * (i) the posterior log-odds of s = +1 are log(p/(1−p)) + 2b⟨x, μ⟩/Γ, hence
 * E[s | x] = tanh(b⟨x, μ⟩/Γ + h) with h = ½·log(p/(1−p));
 * (ii) E[x1 | x, s] = s·μ + (σ²b/Γ)(x − b·s·μ) = (σ²b/Γ)·x + (a²/Γ)·s·μ, since 1 − σ²b²/Γ = a²/Γ.
 * Averaging (ii) over (i): E[x1 | x] = (σ²b/Γ)·x + (a²/Γ)·μ·tanh(b⟨x, μ⟩/Γ + h), valid for any
 * σ > 0 (the σ enters Γ and the linear coefficient only).
 */
public record GaussianMixture(int dimension, double p, double sigma) {
    public GaussianMixture {
        if (dimension < 1) throw new IllegalArgumentException("dimension must be >= 1, got " + dimension);
        if (!(p > 0 && p < 1)) throw new IllegalArgumentException("p must be in (0, 1), got " + p);
        if (!(sigma > 0)) throw new IllegalArgumentException("sigma must be positive, got " + sigma);
    }

    /** h = ½·log(p/(1 − p)), the prior's log-odds halved: the tanh bias of the Bayes denoiser. */
    public double halfLogOdds() {
        return 0.5 * Math.log(p / (1 - p));
    }

    /** n points x1 = s·μ + σ·η in row-major order, with their modes s ∈ {+1, −1}. */
    public record Points(int count, int dimension, float[] values, int[] modes) {}

    /**
     * The run's fixed training set: point i draws its mode and then its noise from the stream
     * (seed, purpose, i), so it depends only on (seed, i, d, p, σ), not on n or on a thread order.
     */
    public Points draw(int count, long seed, String purpose) {
        float[] values = new float[count * dimension];
        int[] modes = new int[count];
        for (int i = 0; i < count; i++) {
            SeededRandom r = SeededRandom.of(seed, purpose, i);
            int s = r.nextDouble() < p ? 1 : -1;
            modes[i] = s;
            for (int j = 0; j < dimension; j++) values[i * dimension + j] = (float) (s + sigma * r.nextGaussian());
        }
        return new Points(count, dimension, values, modes);
    }

    /** n points all from mode s (for the U-turn probe). */
    public Points drawFromMode(int count, int mode, long seed, String purpose) {
        float[] values = new float[count * dimension];
        int[] modes = new int[count];
        for (int i = 0; i < count; i++) {
            SeededRandom r = SeededRandom.of(seed, purpose, i);
            modes[i] = mode;
            for (int j = 0; j < dimension; j++) values[i * dimension + j] = (float) (mode + sigma * r.nextGaussian());
        }
        return new Points(count, dimension, values, modes);
    }

    public double gamma(double a, double b) {
        return a * a + sigma * sigma * b * b;
    }

    /** Linear coefficient σ²b/Γ of the denoiser. */
    public double linearCoefficient(double a, double b) {
        return sigma * sigma * b / gamma(a, b);
    }

    /** E[s | x] from the projection ⟨x, μ⟩ = Σ_j x_j. */
    public double posteriorMeanMode(double a, double b, double projection) {
        return Math.tanh(b * projection / gamma(a, b) + halfLogOdds());
    }

    /** E[x1 | x_t = x] for a single point, in double precision. */
    public double[] denoise(double a, double b, double[] x) {
        double projection = 0;
        for (double v : x) projection += v;
        double lin = linearCoefficient(a, b);
        double shift = a * a / gamma(a, b) * posteriorMeanMode(a, b, projection);
        double[] out = new double[x.length];
        for (int j = 0; j < x.length; j++) out[j] = lin * x[j] + shift;
        return out;
    }
}
