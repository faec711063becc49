package io.frugal.methods.flowimages;

/**
 * The variance-preserving noise schedule of the paper's image experiment, in diffusion time
 * s ∈ [0, 1] (s = 0 data, s = 1 noise): the data's share τ(s) = exp(−(m·s + (M − m)s²/2)/2), with
 * x_s = √(1 − τ²)·ε + τ·x0. The U-turn's time is t0 = 1 − s.
 */
record VpSchedule(double betaMin, double betaMax) {
    static final VpSchedule PAPER = new VpSchedule(0.1, 20);

    double tau(double s) {
        return Math.exp(-(betaMin * s + (betaMax - betaMin) * s * s / 2) / 2);
    }

    /** ᾱ(s) = τ(s)², the signal variance of DDPM's notation. */
    double alphaBar(double s) {
        double t = tau(s);
        return t * t;
    }
}
