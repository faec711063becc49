package io.frugal.methods.rela;

/**
 * When ReLA's phase (regressing onto the prior's targets) ends and plain BYOL takes over, once and for
 * good. The trainer calls {@link #observe} after every optimiser step of the ReLA phase with that
 * step's phase loss; the first {@code true} is the hand-over.
 */
public interface Handover {
    /** Records the loss of optimiser step {@code step} (1-based); true exactly once, at the hand-over step. */
    boolean observe(long step, double loss);

    /** True once the hand-over has happened. */
    boolean handedOver();

    /** The step at which it happened, or -1. */
    long handoverStep();
}
