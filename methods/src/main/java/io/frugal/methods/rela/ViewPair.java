package io.frugal.methods.rela;

import io.frugal.methods.data.ImageSet;
import java.util.stream.IntStream;

/**
 * The two views of each image of a batch, as BYOL and ReLA's phase both train on: view 1 from one
 * recipe, view 2 from another (BYOL's pair differs in blur and solarisation; ReLA's phase uses one
 * recipe twice), each from its own stream (seed, "augment", epoch, image index, view). Images are
 * independent, so filling a batch in parallel gives the same floats as filling it in order.
 */
public final class ViewPair {
    private final ViewAugmenter first;
    private final ViewAugmenter second;

    public ViewPair(ViewParams view1, ViewParams view2, int side) {
        first = new ViewAugmenter(view1, side);
        second = new ViewAugmenter(view2, side);
    }

    /** BYOL's asymmetric pair at this output side. */
    public static ViewPair byol(int side) {
        return new ViewPair(ViewParams.byol(1, side), ViewParams.byol(2, side), side);
    }

    /** ReLA's phase: the milder recipe for both views. */
    public static ViewPair relaPhase(int side) {
        return new ViewPair(ViewParams.relaPhase(), ViewParams.relaPhase(), side);
    }

    public int side() {
        return first.side();
    }

    /**
     * Views of images {@code indices} into {@code view1} and {@code view2}, each [indices.length, C, side,
     * side] row-major; {@code parallel} spreads images over the common fork-join pool.
     */
    public void fill(ImageSet set, int[] indices, long seed, long epoch, float[] view1, float[] view2, boolean parallel) {
        int size = set.channels() * side() * side();
        long need = (long) indices.length * size;
        if (view1.length < need || view2.length < need) {
            throw new IllegalArgumentException("view buffers hold " + Math.min(view1.length, view2.length) + " floats, " + need + " needed");
        }
        IntStream range = IntStream.range(0, indices.length);
        (parallel ? range.parallel() : range).forEach(b -> {
            first.view(set, indices[b], seed, epoch, 1, view1, b * size);
            second.view(set, indices[b], seed, epoch, 2, view2, b * size);
        });
    }
}
