package io.frugal.methods.data;

import static io.frugal.methods.data.DataFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.frugal.core.BadInputException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxFormatTest {
    @TempDir
    Path dir;

    @Test
    void readsPlainIdxWithCountsAndShapeFromTheHeader() {
        Path images = write(dir.resolve("imgs"), idxImages(5, 28));
        Path labels = write(dir.resolve("lbls"), idxLabels(5, 10));
        ImageSet set = IdxFormat.readPair(images, labels, 10);
        assertThat(set.count()).isEqualTo(5);
        assertThat(set.channels()).isEqualTo(1);
        assertThat(set.height()).isEqualTo(28);
        assertThat(set.labels()).containsExactly(0, 1, 2, 3, 4);
        assertThat(set.pixel(3, 0, 2, 5)).isEqualTo(pixel(3, 2 * 28 + 5));
    }

    @Test
    void detectsGzipByMagicNotByName() {
        Path images = write(dir.resolve("train-images-idx3-ubyte"), gzip(idxImages(4, 28))); // gzipped, no .gz
        Path labels = write(dir.resolve("train-labels-idx1-ubyte.gz"), gzip(idxLabels(4, 10)));
        ImageSet set = IdxFormat.readPair(images, labels, 10);
        assertThat(set.count()).isEqualTo(4);
        assertThat(set.pixel(1, 0, 0, 3)).isEqualTo(pixel(1, 3));
    }

    @Test
    void truncatedImagesFileNamesFileAndByteCounts() {
        byte[] full = idxImages(3, 28);
        Path images = write(dir.resolve("short-images"), truncate(full, full.length - 100));
        assertThatThrownBy(() -> IdxFormat.read(images, IdxFormat.IMAGES_MAGIC))
                .isInstanceOf(DatasetException.class).isInstanceOf(BadInputException.class)
                .hasMessageContaining("short-images")
                .hasMessageContaining("truncated at byte " + (full.length - 100) + " of " + full.length + " expected");
    }

    @Test
    void truncatedGzipStreamIsReported() {
        byte[] gz = gzip(idxImages(50, 28));
        Path images = write(dir.resolve("cut.gz"), truncate(gz, gz.length / 2));
        assertThatThrownBy(() -> IdxFormat.read(images, IdxFormat.IMAGES_MAGIC))
                .isInstanceOf(DatasetException.class).hasMessageContaining("cut.gz").hasMessageContaining("truncated gzip");
    }

    @Test
    void labelsFileGivenAsImagesHasWrongMagic() {
        Path labels = write(dir.resolve("labels-as-images"), idxLabels(3, 10));
        assertThatThrownBy(() -> IdxFormat.read(labels, IdxFormat.IMAGES_MAGIC))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("labels-as-images")
                .hasMessageContaining("wrong magic 0x00000801, expected 0x00000803");
    }

    @Test
    void imageAndLabelCountsMustAgree() {
        Path images = write(dir.resolve("imgs"), idxImages(5, 28));
        Path labels = write(dir.resolve("lbls"), idxLabels(4, 10));
        assertThatThrownBy(() -> IdxFormat.readPair(images, labels, 10))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("lbls").hasMessageContaining("counts disagree")
                .hasMessageContaining("4 labels").hasMessageContaining("5 images");
    }

    @Test
    void labelOutOfRangeNamesRecord() {
        Path images = write(dir.resolve("imgs"), idxImages(12, 28));
        Path labels = write(dir.resolve("lbls"), idxLabels(12, 11)); // record 10 has label 10
        assertThatThrownBy(() -> IdxFormat.readPair(images, labels, 10))
                .hasMessageContaining("lbls").hasMessageContaining("label 10 out of range 0..9 at record 10");
    }

    @Test
    void missingFileIsNamed() {
        Path missing = dir.resolve("nothing-here");
        assertThatThrownBy(() -> IdxFormat.read(missing, IdxFormat.LABELS_MAGIC))
                .isInstanceOf(DatasetException.class).hasMessageContaining("nothing-here").hasMessageContaining("missing");
    }

    @Test
    void trailingBytesAreRejected() {
        byte[] full = idxLabels(3, 10);
        Path labels = write(dir.resolve("long"), java.util.Arrays.copyOf(full, full.length + 2));
        assertThatThrownBy(() -> IdxFormat.read(labels, IdxFormat.LABELS_MAGIC))
                .hasMessageContaining("long").hasMessageContaining("2 unexpected bytes");
    }
}
