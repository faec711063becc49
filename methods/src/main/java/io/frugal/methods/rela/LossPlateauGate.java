package io.frugal.methods.rela;

/**
 * ReLA's hand-over gate: two moving averages of the phase loss L,
 * fast ← a_f·fast + (1 − a_f)·L and then slow ← a_s·slow + (1 − a_s)·fast (starting at fast 1.0,
 * slow 2.0), and ρ = exp(−max(slow − fast, 0)). While L falls, slow lags above fast; when L stops
 * falling it catches up, and the first step with ρ ≥ 0.995 hands over.
 *
 * <p>The released constants a_f = 0.999, a_s = 0.99 are memories of about 1000 and 100 steps, tuned
 * for runs of tens of thousands of steps. A run of S steps whose loss follows the same curve in fewer
 * steps needs proportionally shorter memories, so {@link #scaledTo} scales each average's mean age
 * A = a/(1 − a) (the average step distance of what it remembers: Σ k·aᵏ·(1 − a) = 999 and 99 steps)
 * by S/S_ref: A' = A·S/S_ref, a' = A'/(1 + A'). The mean age, rather than the time constant
 * 1/(1 − a), is what the lag of a discrete average behind a steadily falling loss equals exactly, and
 * the gap slow − fast that ρ reads is that lag times the loss's fall per step; so with this mapping
 * a curve stretched to S steps gives the same gap at the same fraction of the run, and the gate fires
 * at the same fraction (checked down to S_ref/40 in the tests). The threshold and the initial values
 * stay. S_ref, the length the constants were tuned for, defaults to the paper's CIFAR setting:
 * 100 epochs of ⌈50 000/128⌉ = 391 steps, 39 100 steps.
 *
 * <p>The state is four numbers ({@link #state()}); a checkpoint stores them and {@link #restore}
 * continues as if never interrupted.
 */
public final class LossPlateauGate implements Handover {
    public static final double FAST_DECAY = 0.999;
    public static final double SLOW_DECAY = 0.99;
    public static final double THRESHOLD = 0.995;
    public static final double INITIAL_FAST = 1.0;
    public static final double INITIAL_SLOW = 2.0;
    public static final long REFERENCE_STEPS = 100L * 391;

    /** What a checkpoint keeps of the gate. */
    public record State(double fast, double slow, long steps, long handoverStep) {}

    private final double fastDecay;
    private final double slowDecay;
    private final double threshold;
    private double fast = INITIAL_FAST;
    private double slow = INITIAL_SLOW;
    private long steps;
    private long handoverStep = -1;

    public LossPlateauGate(double fastDecay, double slowDecay, double threshold) {
        for (double a : new double[] {fastDecay, slowDecay}) {
            if (!(a >= 0 && a < 1)) throw new IllegalArgumentException("decay must be in [0, 1): " + a);
        }
        if (!(threshold > 0 && threshold <= 1)) throw new IllegalArgumentException("threshold must be in (0, 1]: " + threshold);
        this.fastDecay = fastDecay;
        this.slowDecay = slowDecay;
        this.threshold = threshold;
    }

    /** The released constants, unscaled. */
    public static LossPlateauGate released() {
        return new LossPlateauGate(FAST_DECAY, SLOW_DECAY, THRESHOLD);
    }

    /** The released constants with the averages' mean ages scaled by totalSteps / referenceSteps. */
    public static LossPlateauGate scaledTo(long totalSteps, long referenceSteps) {
        if (totalSteps <= 0 || referenceSteps <= 0) throw new IllegalArgumentException("step counts must be positive");
        double f = (double) totalSteps / referenceSteps;
        return new LossPlateauGate(scaledDecay(FAST_DECAY, f), scaledDecay(SLOW_DECAY, f), THRESHOLD);
    }

    /** a' = A'/(1 + A') with A' = f·a/(1 − a). */
    static double scaledDecay(double decay, double factor) {
        double age = factor * decay / (1 - decay);
        return age / (1 + age);
    }

    public double fastDecay() {
        return fastDecay;
    }

    public double slowDecay() {
        return slowDecay;
    }

    /** ρ after the steps seen so far. */
    public double rho() {
        return Math.exp(-Math.max(slow - fast, 0));
    }

    @Override
    public boolean observe(long step, double loss) {
        if (!Double.isFinite(loss)) throw new IllegalArgumentException("loss at step " + step + " is not finite: " + loss);
        steps++;
        if (handoverStep >= 0) return false;
        fast = fastDecay * fast + (1 - fastDecay) * loss;
        slow = slowDecay * slow + (1 - slowDecay) * fast;
        if (rho() >= threshold) {
            handoverStep = step;
            return true;
        }
        return false;
    }

    @Override
    public boolean handedOver() {
        return handoverStep >= 0;
    }

    @Override
    public long handoverStep() {
        return handoverStep;
    }

    public State state() {
        return new State(fast, slow, steps, handoverStep);
    }

    public void restore(State s) {
        fast = s.fast();
        slow = s.slow();
        steps = s.steps();
        handoverStep = s.handoverStep();
    }
}
