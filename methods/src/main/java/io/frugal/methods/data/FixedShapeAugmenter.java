package io.frugal.methods.data;

/** An augmenter reading images stored at one shape and writing network input of one shape. */
abstract class FixedShapeAugmenter implements Augmenter {
    private final int channels;
    private final int height;
    private final int width;
    private final int storedHeight;
    private final int storedWidth;

    FixedShapeAugmenter(int channels, int height, int width, int storedHeight, int storedWidth) {
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.storedHeight = storedHeight;
        this.storedWidth = storedWidth;
    }

    @Override
    public final int channels() {
        return channels;
    }

    @Override
    public final int height() {
        return height;
    }

    @Override
    public final int width() {
        return width;
    }

    /** Fails fast when a set's stored shape is not what this augmenter reads (a wiring mistake, not user input). */
    final void requireStored(ImageSet set) {
        if (set.channels() != channels || set.height() != storedHeight || set.width() != storedWidth) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " reads " + channels + "x" + storedHeight
                    + "x" + storedWidth + " images, got " + set.channels() + "x" + set.height() + "x" + set.width());
        }
    }
}
