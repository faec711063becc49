package io.frugal.methods.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.frugal.core.BadInputException;
import io.frugal.core.random.SeededRandom;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class AugmentationsTest {
    private static ImageSet patterned(int count, int channels, int side) {
        byte[] px = new byte[count * channels * side * side];
        for (int i = 0; i < px.length; i++) px[i] = (byte) DataFixtures.pixel(i / (channels * side * side), i);
        return new ImageSet(px, new int[count], count, channels, side, side);
    }

    private static ImageSet constant(int channels, int side, int value) {
        byte[] px = new byte[channels * side * side];
        java.util.Arrays.fill(px, (byte) value);
        return new ImageSet(px, new int[1], 1, channels, side, side);
    }

    private static float[] train(Augmenter a, ImageSet set, int index, long seed) {
        float[] out = new float[a.inputSize() + 3];
        a.train(set, index, SeededRandom.of(seed, "augment", index), out, 3);
        return out;
    }

    @Test
    void sameStreamGivesIdenticalOutputAndOtherStreamsDiffer() {
        Object[][] cases = {{"mnist", patterned(4, 1, 28)}, {"cifar10", patterned(4, 3, 32)}, {"smallnorb", patterned(4, 1, 48)}};
        for (Object[] c : cases) {
            Augmenter a = Augmentations.forDataset((String) c[0], true);
            ImageSet set = (ImageSet) c[1];
            assertThat(train(a, set, 2, 7)).as((String) c[0]).containsExactly(train(a, set, 2, 7));
            assertThat(train(a, set, 2, 7)).as((String) c[0]).isNotEqualTo(train(a, set, 2, 8));
        }
    }

    @Test
    void evalIsPixelOver255AtTheOffset() {
        ImageSet set = patterned(3, 3, 32);
        Augmenter a = Augmentations.forDataset("cifar10", true);
        float[] out = new float[5 + a.inputSize()];
        a.eval(set, 1, out, 5);
        assertThat(out[0]).isZero();
        for (int c = 0; c < 3; c++) {
            assertThat(out[5 + c * 1024 + 3 * 32 + 9]).isEqualTo(set.pixel(1, c, 3, 9) / 255f);
        }
    }

    @Test
    void smallNorbEvalIsTheCentre32x32CropOf48x48() {
        ImageSet set = patterned(2, 1, 48);
        Augmenter a = Augmentations.forDataset("smallnorb", true);
        assertThat(a.inputSize()).isEqualTo(32 * 32);
        float[] out = new float[a.inputSize()];
        a.eval(set, 1, out, 0);
        assertThat(out[0]).isEqualTo(set.pixel(1, 0, 8, 8) / 255f);
        assertThat(out[31 * 32 + 31]).isEqualTo(set.pixel(1, 0, 39, 39) / 255f);
    }

    @Test
    void withoutAugmentationTrainingSeesTheEvaluationView() {
        for (String name : new String[] {"fashion-mnist", "smallnorb"}) {
            ImageSet set = name.equals("smallnorb") ? patterned(2, 1, 48) : patterned(2, 1, 28);
            Augmenter plain = Augmentations.forDataset(name, false);
            float[] eval = new float[plain.inputSize()];
            plain.eval(set, 1, eval, 0);
            float[] trained = new float[plain.inputSize()];
            plain.train(set, 1, SeededRandom.of(1, "augment"), trained, 0);
            assertThat(trained).containsExactly(eval);
        }
    }

    @Test
    void augmentedValuesStayInTheUnitRange() {
        Augmenter cifar = Augmentations.forDataset("cifar10", true);
        Augmenter norb = Augmentations.forDataset("smallnorb", true);
        ImageSet white = constant(3, 32, 255);
        ImageSet grey = constant(1, 48, 250);
        for (long seed = 0; seed < 50; seed++) {
            assertInUnitRange(train(cifar, white, 0, seed));
            assertInUnitRange(train(norb, grey, 0, seed));
        }
    }

    private static void assertInUnitRange(float[] values) {
        for (float v : values) assertThat(v).isBetween(0f, 1f);
    }

    @Test
    void digitAugmentationErasesOne4x4SquareAndKeepsTheCentre() {
        Augmenter a = Augmentations.forDataset("mnist", true);
        ImageSet white = constant(1, 28, 255);
        for (long seed = 0; seed < 20; seed++) {
            float[] out = new float[784];
            a.train(white, 0, SeededRandom.of(seed, "augment"), out, 0);
            int zeroSquares = 0;
            for (int y = 0; y + 4 <= 28; y++) {
                for (int x = 0; x + 4 <= 28; x++) {
                    boolean allZero = true;
                    for (int dy = 0; dy < 4 && allZero; dy++) for (int dx = 0; dx < 4; dx++) allZero &= out[(y + dy) * 28 + x + dx] == 0f;
                    if (allZero && y >= 6 && y <= 18 && x >= 6 && x <= 18) zeroSquares++;
                }
            }
            // ±15° rotation, ±2 px shift and 0.8 squish cannot pull the border into the middle:
            // any all-zero square there is the erase, and at most one exists.
            int centreZeros = 0;
            for (int y = 8; y < 20; y++) for (int x = 8; x < 20; x++) if (out[y * 28 + x] < 0.999f) centreZeros++;
            assertThat(centreZeros).isLessThanOrEqualTo(16);
            assertThat(zeroSquares).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void allocatesNothingPerImage() {
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        String[] names = {"mnist", "cifar10", "smallnorb"};
        ImageSet[] sets = {patterned(8, 1, 28), patterned(8, 3, 32), patterned(8, 1, 48)};
        for (int k = 0; k < names.length; k++) {
            Augmenter a = Augmentations.forDataset(names[k], true);
            float[] out = new float[a.inputSize()];
            SeededRandom rng = SeededRandom.of(3, "augment");
            for (int i = 0; i < 3_000; i++) a.train(sets[k], i % 8, rng, out, 0); // warm up
            long before = bean.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 2_000; i++) a.train(sets[k], i % 8, rng, out, 0);
            long perImage = (bean.getCurrentThreadAllocatedBytes() - before) / 2_000;
            assertThat(perImage).as(names[k]).isLessThan(16);
        }
    }

    @Test
    void unknownDatasetIsBadInput() {
        assertThatThrownBy(() -> Augmentations.forDataset("svhn", true)).isInstanceOf(BadInputException.class);
    }
}
