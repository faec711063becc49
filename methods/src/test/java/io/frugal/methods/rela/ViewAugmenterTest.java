package io.frugal.methods.rela;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.frugal.methods.data.ImageSet;
import io.frugal.core.random.SeededRandom;
import org.junit.jupiter.api.Test;

class ViewAugmenterTest {
    /** count images of c×side×side with pixel values that differ by image, channel and position. */
    static ImageSet patterned(int count, int c, int side) {
        byte[] px = new byte[count * c * side * side];
        for (int i = 0; i < px.length; i++) px[i] = (byte) ((i * 37 + (i / side) * 11) & 0xFF);
        return new ImageSet(px, new int[count], count, c, side, side);
    }

    private static ViewParams only(double flip, double jitter, double b, double c, double s, double h, double gray,
                                   double blur, double solarize) {
        return new ViewParams(1, 1, 1, 1, flip, jitter, b, c, s, h, gray, blur, solarize);
    }

    private static float[] run(ViewParams p, ImageSet set, int side, int index, long seed, int view) {
        float[] out = new float[set.channels() * side * side];
        new ViewAugmenter(p, side).view(set, index, seed, 3, view, out, 0);
        return out;
    }

    @Test
    void sameSeedEpochIndexAndViewGiveTheSamePixelsAndAnythingElseOthers() {
        ImageSet set = patterned(3, 3, 40);
        ViewParams p = ViewParams.byol(2, 40);
        float[] a = run(p, set, 40, 1, 9, 1);
        assertThat(run(p, set, 40, 1, 9, 1)).containsExactly(a);
        assertThat(run(p, set, 40, 1, 9, 2)).isNotEqualTo(a);
        assertThat(run(p, set, 40, 1, 10, 1)).isNotEqualTo(a);
        float[] other = new float[a.length];
        new ViewAugmenter(p, 40).view(set, 1, 9, 4, 1, other, 0);
        assertThat(other).isNotEqualTo(a);
        // the view only depends on its own stream: writing at an offset of a larger buffer changes nothing
        float[] big = new float[3 * a.length];
        new ViewAugmenter(p, 40).view(set, 1, 9, 3, 1, big, a.length);
        assertThat(java.util.Arrays.copyOfRange(big, a.length, 2 * a.length)).containsExactly(a);
    }

    @Test
    void everyRecipeKeepsValuesInTheUnitRange() {
        ImageSet rgb = patterned(4, 3, 48);
        ImageSet gray = patterned(4, 1, 28);
        for (ViewParams p : new ViewParams[] {ViewParams.byol(1, 48), ViewParams.byol(2, 48), ViewParams.relaPhase()}) {
            for (int i = 0; i < 40; i++) {
                for (float v : run(p, rgb, 32, i % 4, i, 1)) assertThat(v).isBetween(0f, 1f);
                for (float v : run(p, gray, 28, i % 4, i, 2)) assertThat(v).isBetween(0f, 1f);
            }
        }
    }

    @Test
    void identityRecipeReproducesTheStoredPixels() {
        ImageSet set = patterned(2, 3, 16);
        float[] out = run(ViewParams.identity(), set, 16, 1, 1, 1);
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 16; y++) {
                for (int x = 0; x < 16; x++) assertThat(out[(c * 16 + y) * 16 + x]).isEqualTo(set.pixel(1, c, y, x) / 255f);
            }
        }
    }

    @Test
    void aFlipIsAMirrorImage() {
        ImageSet set = patterned(1, 3, 12);
        float[] plain = run(only(0, 0, 0, 0, 0, 0, 0, 0, 0), set, 12, 0, 1, 1);
        float[] flipped = run(only(1, 0, 0, 0, 0, 0, 0, 0, 0), set, 12, 0, 1, 1);
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 12; y++) {
                for (int x = 0; x < 12; x++) assertThat(flipped[(c * 12 + y) * 12 + x]).isEqualTo(plain[(c * 12 + y) * 12 + 11 - x]);
            }
        }
        // half of many views are flipped at p 0.5
        int flips = 0;
        ViewParams half = only(0.5, 0, 0, 0, 0, 0, 0, 0, 0);
        for (int i = 0; i < 400; i++) if (java.util.Arrays.equals(run(half, set, 12, 0, i, 1), flipped)) flips++;
        assertThat(flips).isBetween(160, 240);
    }

    @Test
    void cropBoxesStayInsideTheImageWithinScaleAndRatioBounds() {
        ViewParams p = ViewParams.byol(1, 64);
        int[] box = new int[4];
        double minArea = 1;
        double maxArea = 0;
        for (int i = 0; i < 2000; i++) {
            ViewAugmenter.cropBox(SeededRandom.of(i, "t"), 64, 80, p, box);
            assertThat(box[0]).isBetween(0, 64 - box[2]);
            assertThat(box[1]).isBetween(0, 80 - box[3]);
            double area = (double) box[2] * box[3] / (64 * 80);
            double ratio = (double) box[3] / box[2];
            minArea = Math.min(minArea, area);
            maxArea = Math.max(maxArea, area);
            // rounding each side to whole pixels can move the ratio a little past its bounds on small crops
            assertThat(ratio).isBetween(0.75 * 0.8, 4.0 / 3 * 1.25);
            assertThat(area).isBetween(0.07, 1.0);
        }
        assertThat(minArea).isLessThan(0.12);
        assertThat(maxArea).isGreaterThan(0.8);
        // the ReLA phase never crops below half the image (up to rounding)
        for (int i = 0; i < 500; i++) {
            ViewAugmenter.cropBox(SeededRandom.of(i, "t"), 32, 32, ViewParams.relaPhase(), box);
            assertThat((double) box[2] * box[3] / 1024).isGreaterThan(0.45);
        }
    }

    @Test
    void grayscaleGivesEqualChannelsOfTheLumaValue() {
        ImageSet set = patterned(1, 3, 8);
        float[] out = run(only(0, 0, 0, 0, 0, 0, 1, 0, 0), set, 8, 0, 1, 1);
        for (int i = 0; i < 64; i++) {
            float expected = (0.299f * (set.pixels()[i] & 0xFF) + 0.587f * (set.pixels()[64 + i] & 0xFF)
                    + 0.114f * (set.pixels()[128 + i] & 0xFF)) / 255f;
            assertThat(out[i]).isCloseTo(expected, within(1e-5f));
            assertThat(out[64 + i]).isEqualTo(out[i]);
            assertThat(out[128 + i]).isEqualTo(out[i]);
        }
        // a 1-channel image is already gray
        ImageSet g = patterned(1, 1, 8);
        assertThat(run(only(0, 0, 0, 0, 0, 0, 1, 0, 0), g, 8, 0, 1, 1)).containsExactly(run(ViewParams.identity(), g, 8, 0, 1, 1));
    }

    @Test
    void brightnessScalesEveryPixelByOneFactorWithinItsRange() {
        ImageSet set = patterned(1, 3, 8);
        float[] base = run(ViewParams.identity(), set, 8, 0, 1, 1);
        for (long seed = 0; seed < 20; seed++) {
            float[] out = run(only(0, 1, 0.4, 0, 0, 0, 0, 0, 0), set, 8, 0, seed, 1);
            double factor = Double.NaN;
            for (int i = 0; i < out.length; i++) {
                if (base[i] < 0.1f || out[i] >= 1f) continue; // clamped or too dark to measure
                double f = out[i] / base[i];
                if (Double.isNaN(factor)) factor = f;
                assertThat(f).isCloseTo(factor, within(1e-4));
            }
            assertThat(factor).isBetween(0.6, 1.4);
        }
    }

    @Test
    void saturationAndHueLeaveGrayPixelsAloneAndHueKeepsValueAndChroma() {
        byte[] px = new byte[3 * 4];
        int[][] colours = {{200, 200, 200}, {255, 0, 0}, {30, 160, 90}, {10, 20, 250}};
        for (int i = 0; i < 4; i++) for (int c = 0; c < 3; c++) px[c * 4 + i] = (byte) colours[i][c];
        ImageSet set = new ImageSet(px, new int[1], 1, 3, 2, 2);
        for (long seed = 0; seed < 10; seed++) {
            float[] out = run(only(0, 1, 0, 0, 0, 0.5, 0, 0, 0), set, 2, 0, seed, 1);
            for (int i = 0; i < 4; i++) {
                float r = colours[i][0] / 255f, g = colours[i][1] / 255f, b = colours[i][2] / 255f;
                float max = Math.max(out[i], Math.max(out[4 + i], out[8 + i]));
                float min = Math.min(out[i], Math.min(out[4 + i], out[8 + i]));
                assertThat(max).isCloseTo(Math.max(r, Math.max(g, b)), within(1e-5f));
                assertThat(max - min).isCloseTo(Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)), within(1e-5f));
            }
            assertThat(new float[] {out[0], out[4], out[8]}).containsExactly(200 / 255f, 200 / 255f, 200 / 255f);
            float[] sat = run(only(0, 1, 0, 0, 0.8, 0, 0, 0, 0), set, 2, 0, seed, 1);
            assertThat(sat[0]).isCloseTo(200 / 255f, within(1e-5f));
        }
        // some shift happens: the red pixel is not red in every view
        boolean changed = false;
        for (long seed = 0; seed < 10; seed++) changed |= run(only(0, 1, 0, 0, 0, 0.5, 0, 0, 0), set, 2, 0, seed, 1)[1] != 1f;
        assertThat(changed).isTrue();
    }

    @Test
    void oneChannelImagesGetBrightnessAndContrastOnly() {
        ImageSet g = patterned(2, 1, 28);
        float[] out = run(ViewParams.relaPhase(), g, 28, 1, 5, 1);
        assertThat(out).hasSize(28 * 28);
        // saturation and hue alone do nothing to a gray image
        assertThat(run(only(0, 1, 0, 0, 0.8, 0.5, 0, 0, 0), g, 28, 1, 5, 1)).containsExactly(run(ViewParams.identity(), g, 28, 1, 5, 1));
    }

    @Test
    void solariseInvertsTheBrightHalf() {
        ImageSet set = patterned(1, 3, 8);
        float[] base = run(ViewParams.identity(), set, 8, 0, 1, 1);
        float[] out = run(only(0, 0, 0, 0, 0, 0, 0, 0, 1), set, 8, 0, 1, 1);
        for (int i = 0; i < out.length; i++) assertThat(out[i]).isEqualTo(base[i] >= 0.5f ? 1f - base[i] : base[i]);
    }

    @Test
    void blurKeepsAConstantImageAndSmoothsAPattern() {
        assertThat(ViewAugmenter.blurKernelSide(224)).isEqualTo(23);
        assertThat(ViewAugmenter.blurKernelSide(64)).isEqualTo(7);
        byte[] flat = new byte[3 * 64 * 64];
        java.util.Arrays.fill(flat, (byte) 100);
        ImageSet constant = new ImageSet(flat, new int[1], 1, 3, 64, 64);
        ViewParams blur = only(0, 0, 0, 0, 0, 0, 0, 1, 0);
        for (float v : run(blur, constant, 64, 0, 1, 1)) assertThat(v).isCloseTo(100 / 255f, within(1e-5f));
        ImageSet pattern = patterned(1, 3, 64);
        assertThat(variance(run(blur, pattern, 64, 0, 1, 1))).isLessThan(variance(run(ViewParams.identity(), pattern, 64, 0, 1, 1)) * 0.9);
    }

    @Test
    void byolRecipesFollowTheImageSize() {
        assertThat(ViewParams.byol(1, 32).blurP()).isZero();
        assertThat(ViewParams.byol(2, 32).solarizeP()).isZero();
        assertThat(ViewParams.byol(1, 64).blurP()).isEqualTo(1.0);
        assertThat(ViewParams.byol(2, 64).blurP()).isEqualTo(0.1);
        assertThat(ViewParams.byol(2, 224).solarizeP()).isEqualTo(0.2);
        ViewParams r = ViewParams.relaPhase();
        assertThat(new double[] {r.cropScaleMin(), r.brightness(), r.contrast(), r.saturation(), r.hue(), r.jitterP(), r.grayP()})
                .containsExactly(0.5, 0.8, 0.8, 0.8, 0.2, 0.8, 0.2);
    }

    private static double variance(float[] a) {
        double s = 0, q = 0;
        for (float v : a) {
            s += v;
            q += v * v;
        }
        return q / a.length - (s / a.length) * (s / a.length);
    }
}
