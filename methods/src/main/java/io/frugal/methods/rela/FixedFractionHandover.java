package io.frugal.methods.rela;

/**
 * The spec's variant of the gate: hand over after a fixed fraction c of the run's optimiser steps,
 * at step max(1, round(c·S)) (c = 0 hands over after the first step; c = 1 at the last, i.e. never
 * trains with BYOL's loss). Stateless apart from whether it fired, so resuming needs only the step.
 */
public final class FixedFractionHandover implements Handover {
    private final long atStep;
    private long handoverStep = -1;

    public FixedFractionHandover(double fraction, long totalSteps) {
        if (!(fraction >= 0 && fraction <= 1)) throw new IllegalArgumentException("fraction must be in [0, 1]: " + fraction);
        if (totalSteps <= 0) throw new IllegalArgumentException("total steps must be positive: " + totalSteps);
        this.atStep = Math.max(1, Math.round(fraction * totalSteps));
    }

    /**
     * After round(c·epochs) whole epochs of {@code stepsPerEpoch} steps (the spec's "fraction c of the
     * epochs"; at least one step).
     */
    public static FixedFractionHandover afterEpochs(double fraction, int epochs, long stepsPerEpoch) {
        if (!(fraction >= 0 && fraction <= 1)) throw new IllegalArgumentException("fraction must be in [0, 1]: " + fraction);
        if (epochs <= 0 || stepsPerEpoch <= 0) throw new IllegalArgumentException("epochs and steps per epoch must be positive");
        long total = epochs * stepsPerEpoch;
        long at = Math.max(1, Math.round(fraction * epochs) * stepsPerEpoch);
        return new FixedFractionHandover((double) at / total, total);
    }

    public long plannedStep() {
        return atStep;
    }

    @Override
    public boolean observe(long step, double loss) {
        if (handoverStep >= 0 || step < atStep) return false;
        handoverStep = step;
        return true;
    }

    @Override
    public boolean handedOver() {
        return handoverStep >= 0;
    }

    @Override
    public long handoverStep() {
        return handoverStep;
    }
}
