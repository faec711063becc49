package io.frugal.methods.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.frugal.methods.data.ImageFolder.Layout;
import io.frugal.methods.data.ImageFolder.Sizing;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntBinaryOperator;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderTest {
    @TempDir
    Path dir;

    /** An RGB image whose pixel (x, y) is rgb.applyAsInt(x, y), written as PNG or JPEG. */
    static Path image(Path file, int w, int h, IntBinaryOperator rgb) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) img.setRGB(x, y, rgb.applyAsInt(x, y));
        String name = file.getFileName().toString().toLowerCase();
        try {
            Files.createDirectories(file.getParent());
            if (!ImageIO.write(img, name.endsWith(".png") ? "png" : "jpeg", file.toFile())) throw new IOException("no writer");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    static int pattern(int seed, int x, int y) {
        return ((seed * 40 + x * 17) & 0xFF) << 16 | ((y * 29 + seed) & 0xFF) << 8 | ((x * y + 3 * seed) & 0xFF);
    }

    @Test
    void classesAreSortedFolderNamesAndPngPixelsArriveExactly() {
        for (String c : new String[] {"n02", "n01", "b"}) {
            for (int i = 0; i < 2; i++) {
                int seed = c.hashCode() % 7 + i;
                image(dir.resolve(c).resolve("img" + (1 - i) + ".png"), 6, 5, (x, y) -> pattern(seed, x, y));
            }
        }
        DataFixtures.write(dir.resolve("b/notes.txt"), new byte[] {1}); // not an image: ignored
        ImageFolder.Index index = ImageFolder.scan(dir, Layout.CLASS_FOLDERS);
        assertThat(index.classes()).containsExactly("b", "n01", "n02");
        assertThat(index.labels()).containsExactly(0, 0, 1, 1, 2, 2);
        assertThat(index.files().get(0).getFileName().toString()).isEqualTo("img0.png");
        ImageSet set = ImageFolder.readAll(index, Sizing.asStored());
        assertThat(set.count()).isEqualTo(6);
        assertThat(set.channels()).isEqualTo(3);
        assertThat(set.height()).isEqualTo(5);
        assertThat(set.width()).isEqualTo(6);
        // image 3 is n01/img1.png, written with i = 0
        int seed = "n01".hashCode() % 7;
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 6; x++) {
                int p = pattern(seed, x, y);
                assertThat(set.pixel(3, 0, y, x)).isEqualTo(p >> 16 & 0xFF);
                assertThat(set.pixel(3, 1, y, x)).isEqualTo(p >> 8 & 0xFF);
                assertThat(set.pixel(3, 2, y, x)).isEqualTo(p & 0xFF);
            }
        }
    }

    @Test
    void tinyImagenetTrainLayoutAndValAnnotations() {
        for (String c : new String[] {"n01443537", "n01629819"}) {
            image(dir.resolve("train").resolve(c).resolve("images").resolve(c + "_0.JPEG"), 64, 64, (x, y) -> 0x808080);
            DataFixtures.write(dir.resolve("train").resolve(c).resolve(c + "_boxes.txt"), "x\t0\t0\t1\t1\n".getBytes());
        }
        ImageFolder.Index train = ImageFolder.scan(dir.resolve("train"), Layout.TINY_IMAGENET_TRAIN);
        assertThat(train.size()).isEqualTo(2);
        ImageSet set = ImageFolder.readAll(train, Sizing.asStored());
        assertThat(set.height()).isEqualTo(64);
        assertThat(set.pixel(1, 1, 30, 30)).isCloseTo(128, within(3)); // JPEG is lossy
        image(dir.resolve("val/images/val_0.JPEG"), 64, 64, (x, y) -> 0);
        image(dir.resolve("val/images/val_1.JPEG"), 64, 64, (x, y) -> 0xFFFFFF);
        DataFixtures.write(dir.resolve("val/val_annotations.txt"),
                "val_1.JPEG\tn01443537\t0\t0\t10\t10\nval_0.JPEG\tn01629819\t1\t2\t3\t4\n".getBytes());
        ImageFolder.Index val = ImageFolder.scanTinyImageNetVal(dir.resolve("val"), train.classes());
        assertThat(val.files().get(0).getFileName().toString()).isEqualTo("val_0.JPEG");
        assertThat(val.labels()).containsExactly(1, 0);
        // the plain class-folder layout on Tiny-ImageNet's train/ finds no images directly in the class folders
        assertThatThrownBy(() -> ImageFolder.scan(dir.resolve("train"), Layout.CLASS_FOLDERS))
                .isInstanceOf(DatasetException.class).hasMessageContaining("n01443537").hasMessageContaining("holds no .jpg");
        DataFixtures.write(dir.resolve("val/val_annotations.txt"), "val_0.JPEG\tn99999999\t1\t2\t3\t4\n".getBytes());
        assertThatThrownBy(() -> ImageFolder.scanTinyImageNetVal(dir.resolve("val"), train.classes()))
                .hasMessageContaining("val_annotations.txt").hasMessageContaining("line 1: class 'n99999999'");
    }

    @Test
    void emptyClassFolderIsALocatedError() throws IOException {
        image(dir.resolve("a/x.png"), 4, 4, (x, y) -> 0);
        Files.createDirectories(dir.resolve("b"));
        assertThatThrownBy(() -> ImageFolder.scan(dir, Layout.CLASS_FOLDERS))
                .isInstanceOf(DatasetException.class)
                .hasMessageStartingWith(dir.resolve("b").toString())
                .hasMessageContaining("class folder 'b' holds no .jpg, .jpeg or .png images");
        assertThatThrownBy(() -> ImageFolder.scan(dir.resolve("nowhere"), Layout.CLASS_FOLDERS)).hasMessageContaining("missing");
    }

    @Test
    void unreadableImagesNameTheFile() throws IOException {
        image(dir.resolve("a/good.png"), 4, 4, (x, y) -> 0);
        Path garbage = DataFixtures.write(dir.resolve("a/junk.png"), "not an image at all".getBytes());
        ImageFolder.Index index = ImageFolder.scan(dir, Layout.CLASS_FOLDERS);
        assertThatThrownBy(() -> ImageFolder.readAll(index, Sizing.asStored()))
                .isInstanceOf(DatasetException.class)
                .hasMessageStartingWith(garbage.toString())
                .hasMessageContaining("not a JPEG or PNG image");
        Path good = dir.resolve("a/good.png");
        byte[] bytes = Files.readAllBytes(good);
        Files.delete(garbage);
        Path cut = DataFixtures.write(dir.resolve("a/cut.png"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> ImageFolder.decode(cut, Sizing.asStored()))
                .isInstanceOf(DatasetException.class).hasMessageStartingWith(cut.toString());
    }

    @Test
    void mixedSizesWithoutResizingAreAnErrorNamingBothSizes() {
        image(dir.resolve("a/1.png"), 8, 8, (x, y) -> 0);
        Path odd = image(dir.resolve("a/2.png"), 8, 9, (x, y) -> 0);
        ImageFolder.Index index = ImageFolder.scan(dir, Layout.CLASS_FOLDERS);
        assertThatThrownBy(() -> ImageFolder.readAll(index, Sizing.asStored()))
                .hasMessageStartingWith(odd.toString()).hasMessageContaining("image is 8x9").hasMessageContaining("is 8x8");
        // resizing and cropping brings them to one size
        ImageSet set = ImageFolder.readAll(index, new Sizing(6, 6, 3));
        assertThat(set.height()).isEqualTo(6);
        assertThat(set.width()).isEqualTo(6);
    }

    @Test
    void resizeThenCentreCropKeepsTheMiddleAndAveragesWhenShrinking() {
        // 40 wide, 20 high: red on the left half, blue on the right; shorter side to 10 gives 20x10, crop 10 the middle
        Path f = image(dir.resolve("a/wide.png"), 40, 20, (x, y) -> x < 20 ? 0xFF0000 : 0x0000FF);
        ImageFolder.Decoded d = ImageFolder.decode(f, new Sizing(10, 10, 3));
        assertThat(d.height()).isEqualTo(10);
        assertThat(d.width()).isEqualTo(10);
        int plane = 100;
        assertThat(d.pixels()[5 * 10 + 1] & 0xFF).isEqualTo(255);          // red, left
        assertThat(d.pixels()[2 * plane + 5 * 10 + 8] & 0xFF).isEqualTo(255); // blue, right
        assertThat(d.pixels()[2 * plane + 5 * 10 + 1] & 0xFF).isEqualTo(0);
        // a one-pixel checkerboard shrunk 4x averages to mid-gray instead of aliasing to black or white
        Path board = image(dir.resolve("a/board.png"), 32, 32, (x, y) -> (x + y) % 2 == 0 ? 0xFFFFFF : 0);
        ImageFolder.Decoded small = ImageFolder.decode(board, new Sizing(8, 0, 1));
        assertThat(small.width()).isEqualTo(8);
        for (int i = 8; i < 56; i++) assertThat(small.pixels()[i] & 0xFF).isCloseTo(128, within(20));
        // one channel is the luma
        ImageFolder.Decoded gray = ImageFolder.decode(f, new Sizing(0, 0, 1));
        assertThat(gray.pixels()[0] & 0xFF).isEqualTo(Math.round(0.299f * 255));
        assertThatThrownBy(() -> ImageFolder.decode(f, new Sizing(0, 30, 3))).hasMessageContaining("smaller than the 30x30 crop");
    }

    @Test
    void aSplitMustHaveTheTrainingClasses() {
        image(dir.resolve("val/n01/a.png"), 4, 4, (x, y) -> 0);
        image(dir.resolve("val/n03/a.png"), 4, 4, (x, y) -> 0);
        assertThatThrownBy(() -> ImageFolder.scan(dir.resolve("val"), Layout.CLASS_FOLDERS, List.of("n01", "n02")))
                .hasMessageContaining("unexpected: n03").hasMessageContaining("missing: n02");
    }
}
