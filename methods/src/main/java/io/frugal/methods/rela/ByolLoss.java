package io.frugal.methods.rela;

import ai.djl.ndarray.NDArray;

/**
 * The two losses of ReLA-aided BYOL, on batches [B, n] (rows are samples); targets never pass
 * gradient (stop-gradient), whatever the caller hands in.
 */
public final class ByolLoss {
    /** F.normalize's floor on a row's norm, so an all-zero row gives cosine 0 instead of NaN. */
    static final double NORM_FLOOR = 1e-12;

    private ByolLoss() {}

    /** cos(a_i, b_i) per row: [B]. */
    public static NDArray cosine(NDArray a, NDArray b) {
        return unit(a).mul(unit(b)).sum(new int[] {1});
    }

    private static NDArray unit(NDArray x) {
        return x.div(x.norm(new int[] {1}, true).maximum(NORM_FLOOR));
    }

    /**
     * BYOL's symmetric loss: mean over the batch of (2 − 2·cos(p1, z2)) + (2 − 2·cos(p2, z1)); p are the
     * online predictions of views 1 and 2, z the target projections. 2 − 2·cos is BYOL's
     * ‖p̄ − z̄‖² of unit vectors; the sum over both orders is the paper's symmetrised loss (range 0..8).
     */
    public static NDArray symmetric(NDArray p1, NDArray p2, NDArray z1, NDArray z2) {
        NDArray c12 = cosine(p1, z2.stopGradient());
        NDArray c21 = cosine(p2, z1.stopGradient());
        return c12.add(c21).mul(-2).add(4).mean();
    }

    /**
     * ReLA's phase loss: mean over the batch of ½[(1 − cos(a1, y)) + (1 − cos(a2, y))], a the linear map
     * W·h + b of each view's features, y the whitened prior target of the image (range 0..2).
     */
    public static NDArray alignment(NDArray a1, NDArray a2, NDArray y) {
        NDArray t = y.stopGradient();
        return cosine(a1, t).add(cosine(a2, t)).mul(-0.5).add(1).mean();
    }
}
