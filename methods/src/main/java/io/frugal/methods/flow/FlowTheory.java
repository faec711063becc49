package io.frugal.methods.flow;

import io.frugal.core.random.SeededRandom;

/**
 * The paper's predictions for the learned parameters (c, m, ω, b) at a dilated-schedule time t.
 *
 * <p>n → ∞: phase 1 (t < 1) c = 0, m = 1, ω = κt, b = ½·log(p/(1 − p)); phase 2 (t' = t − 1)
 * c = t'/((1 − t')² + t'²), m = (1 − t')²/((1 − t')² + t'²); ω and b are not predicted there
 * (NaN).
 *
 * <p>Finite n (the authors' theory): phase 1 minimises
 * F(ω, b) = −n(n + 1)·E[φs]²/(λ_u + n·E[φ²]) + λ_w·ω² over ω ≥ 0, b ≥ 0 with φ = tanh(b + κtω·s + ω·z),
 * s = ±1 with probabilities p, 1 − p (summed exactly) and z ~ N(0, 1) (a seeded Monte Carlo of
 * antithetic pairs, the same draws for every (ω, b), so F is a smooth function to minimise); then
 * m = n·E[φs]/(λ_u + n·E[φ²]), c = 0. Phase 2: c = (2t'(λ_u + n) − t'(1 + n)) /
 * ((λ_u + n)(1 − 2t' + 3t'²) + 1 − 2t' − n·t'²), m = n(1 − c·t')/(λ_u + n).
 *
 * <p>λ mapping: the theory's regularisers are not derived here from the experiment's weight decay
 * (the spec leaves the mapping undocumented); this class takes λ_w and λ_u as given, and the
 * trainer passes the theory notebook's constants λ_w = 1, λ_u = 50.
 */
public final class FlowTheory {
    public static final double LAMBDA_W = 1;
    public static final double LAMBDA_U = 50;
    /**
     * Upper bound of b in the phase-1 search. Where the optimum has ω = 0 (a constant predictor,
     * near t = 0) F only decreases in b, so the minimiser is b → ∞; tanh(5) = 0.99991, so any
     * b ≥ 5 gives the same predictor to 1e-4 and the theory reports b = 5 there.
     */
    public static final double B_MAX = 5;

    /** (c, m, ω, b) at one time. */
    public record Parameters(double c, double m, double omega, double b) {}

    private FlowTheory() {}

    public static Parameters infinite(double t, double kappa, double p) {
        if (t < 1) return new Parameters(0, 1, kappa * t, 0.5 * Math.log(p / (1 - p)));
        double s = t - 1;
        double q = (1 - s) * (1 - s) + s * s;
        return new Parameters(s / q, (1 - s) * (1 - s) / q, Double.NaN, Double.NaN);
    }

    /** Finite-n theory at time t; {@code zDraws} antithetic pairs of z from (seed, "theory-z"). */
    public static Parameters finite(double t, double kappa, double p, int n, double lambdaW, double lambdaU, int zDraws, long seed) {
        if (t >= 1) {
            double s = t - 1;
            double c = (2 * s * (lambdaU + n) - s * (1 + n)) / ((lambdaU + n) * (1 - 2 * s + 3 * s * s) + 1 - 2 * s - n * s * s);
            return new Parameters(c, n * (1 - c * s) / (lambdaU + n), Double.NaN, Double.NaN);
        }
        double[] z = new double[2 * zDraws];
        SeededRandom r = SeededRandom.of(seed, "theory-z");
        for (int i = 0; i < zDraws; i++) {
            z[2 * i] = r.nextGaussian();
            z[2 * i + 1] = -z[2 * i];
        }
        Objective f = new Objective(kappa * t, p, n, lambdaW, lambdaU, z);
        return minimise(f);
    }

    /** The phase-1 objective F(ω, b) at time t, with the same z draws as {@link #finite}. */
    static double objective(double t, double kappa, double p, int n, double lambdaW, double lambdaU, int zDraws, long seed, double omega, double b) {
        double[] z = new double[2 * zDraws];
        SeededRandom r = SeededRandom.of(seed, "theory-z");
        for (int i = 0; i < zDraws; i++) {
            z[2 * i] = r.nextGaussian();
            z[2 * i + 1] = -z[2 * i];
        }
        return new Objective(kappa * t, p, n, lambdaW, lambdaU, z).value(omega, b);
    }

    private static Parameters minimise(Objective f) {
        // coarse grid, then a compass search that halves its step: F is smooth and 2-D
        double bestW = 0;
        double bestB = 0;
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i <= 30; i++) {
            double w = 0.1 * i;
            for (int j = 0; j <= Math.round(B_MAX * 10); j++) {
                double b = j == Math.round(B_MAX * 10) ? B_MAX : 0.1 * j; // exact bound, no accumulated rounding
                double v = f.value(w, b);
                if (v < best) {
                    best = v;
                    bestW = w;
                    bestB = b;
                }
            }
        }
        for (double step = 0.05; step > 1e-4; step /= 2) {
            boolean moved = true;
            while (moved) {
                moved = false;
                double[][] moves = {{step, 0}, {-step, 0}, {0, step}, {0, -step}};
                for (double[] mv : moves) {
                    double w = Math.max(0, bestW + mv[0]);
                    double b = Math.min(B_MAX, Math.max(0, bestB + mv[1]));
                    double v = f.value(w, b);
                    if (v < best - 1e-15) {
                        best = v;
                        bestW = w;
                        bestB = b;
                        moved = true;
                    }
                }
            }
        }
        double[] moments = f.moments(bestW, bestB);
        return new Parameters(0, f.n() * moments[0] / (f.lambdaU() + f.n() * moments[1]), bestW, bestB);
    }

    private record Objective(double signal, double p, int n, double lambdaW, double lambdaU, double[] z) {
        /** {E[φs], E[φ²]}. */
        double[] moments(double w, double b) {
            double es = 0;
            double e2 = 0;
            for (double zi : z) {
                double plus = Math.tanh(b + signal * w + w * zi);
                double minus = Math.tanh(b - signal * w + w * zi);
                es += p * plus - (1 - p) * minus;
                e2 += p * plus * plus + (1 - p) * minus * minus;
            }
            return new double[] {es / z.length, e2 / z.length};
        }

        double value(double w, double b) {
            double[] m = moments(w, b);
            return -(double) n * (n + 1) * m[0] * m[0] / (lambdaU + n * m[1]) + lambdaW * w * w;
        }
    }
}
