package io.frugal.methods.model;

import io.frugal.core.BadInputException;
import io.frugal.methods.data.DatasetInfo;

/**
 * The shape of one HVC network: input size, number of classes, number of convolutions and the
 * width multiplier. Filters grow 32, 48, 64, ... (+16 per convolution) before the multiplier; the
 * three capsule branches leave after the last three groups of three convolutions.
 */
public record HvcSpec(int channels, int height, int width, int classes, int convs, double widthMultiplier) {
    /** The reference network has three branches, three convolutions apart, the last after the last convolution. */
    public static final int BRANCHES = 3;
    private static final int BRANCH_SPACING = 3;

    public HvcSpec {
        if (channels < 1 || height < 1 || width < 1) throw new BadInputException("HVC input must be at least 1x1x1, got " + channels + "x" + height + "x" + width);
        if (classes < 2) throw new BadInputException("HVC needs at least 2 classes, got " + classes);
        if (convs < BRANCHES * BRANCH_SPACING) throw new BadInputException("HVC needs at least " + BRANCHES * BRANCH_SPACING + " convolutions, got " + convs);
        if (!(widthMultiplier > 0)) throw new BadInputException("model width must be positive, got " + widthMultiplier);
        // every unpadded 3x3 convolution removes a border of 1 pixel
        if (height - 2 * convs < 1 || width - 2 * convs < 1) {
            throw new BadInputException("input " + height + "x" + width + " is too small for " + convs
                    + " unpadded 3x3 convolutions (needs at least " + (2 * convs + 1) + " pixels a side)");
        }
    }

    /** The paper's network for a dataset: 11 convolutions for smallNORB, 9 for the 28x28/32x32 sets. */
    public static HvcSpec forDataset(DatasetInfo info, double widthMultiplier) {
        int convs = "smallnorb".equals(info.name()) ? 11 : 9;
        return new HvcSpec(info.inputChannels(), info.inputHeight(), info.inputWidth(), info.classes(), convs, widthMultiplier);
    }

    /** Output channels of convolution {@code i} (0-based): round((32 + 16 i) · width), at least 1. */
    public int filters(int i) {
        return (int) Math.max(1, Math.round((32 + 16 * i) * widthMultiplier));
    }

    /** Whether a capsule branch leaves after convolution {@code i} (0-based): the last of each of the last three groups. */
    public boolean branchesAfter(int i) {
        int fromEnd = convs - 1 - i;
        return fromEnd % BRANCH_SPACING == 0 && fromEnd / BRANCH_SPACING < BRANCHES;
    }

    /** Side length of the feature map after convolution {@code i} (0-based), rows. */
    public int mapHeight(int i) {
        return height - 2 * (i + 1);
    }

    public int mapWidth(int i) {
        return width - 2 * (i + 1);
    }
}
