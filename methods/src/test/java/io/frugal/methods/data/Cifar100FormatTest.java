package io.frugal.methods.data;

import static io.frugal.methods.data.DataFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.frugal.methods.data.Cifar100Format.LabelKind;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Cifar100FormatTest {
    @TempDir
    Path dir;

    /** Records whose fine label is (first + r) % 100 and coarse label fine / 5, a consistent hierarchy. */
    static byte[] records(int count, int first) {
        byte[] b = new byte[count * Cifar100Format.RECORD_BYTES];
        for (int r = 0; r < count; r++) {
            int at = r * Cifar100Format.RECORD_BYTES;
            int fine = (first + r) % 100;
            b[at] = (byte) (fine / 5);
            b[at + 1] = (byte) fine;
            for (int p = 0; p < CifarFormat.IMAGE_BYTES; p++) b[at + 2 + p] = (byte) pixel(first + r, p);
        }
        return b;
    }

    @Test
    void readsFineLabelsByDefaultAndCoarseOnRequestWithChannelMajorPixels() {
        Path a = write(dir.resolve("train.bin"), records(120, 0));
        ImageSet fine = Cifar100Format.read(List.of(a), LabelKind.FINE);
        assertThat(fine.count()).isEqualTo(120);
        assertThat(fine.labels()[113]).isEqualTo(13);
        assertThat(fine.pixel(113, 2, 5, 9)).isEqualTo(pixel(113, 2048 + 5 * 32 + 9));
        ImageSet coarse = Cifar100Format.read(List.of(a), LabelKind.COARSE);
        assertThat(coarse.labels()[113]).isEqualTo(2);
        assertThat(coarse.pixels()).isEqualTo(fine.pixels());
        // DatasetFormat's entry is the fine one
        assertThat(DatasetFormat.CIFAR100_BINARY.read(List.of(a), 100).labels()[99]).isEqualTo(99);
    }

    @Test
    void loadsFromTheArchiveFolderThroughTheCatalogSource() {
        write(dir.resolve("cifar-100-binary/train.bin"), records(30, 0));
        write(dir.resolve("cifar-100-binary/test.bin"), gzip(records(10, 50)));
        DatasetInfo info = new DatasetInfo("cifar100", "CIFAR-100", 30, 10, 100, 3, 32, 32);
        LoadedDataset ds = DatasetLoader.load(info, DatasetCatalog.cifar100(), dir);
        assertThat(ds.train().count()).isEqualTo(30);
        assertThat(ds.test().labels()[0]).isEqualTo(50);
        assertThat(ds.fileSha256()).containsOnlyKeys("cifar-100-binary/train.bin", "cifar-100-binary/test.bin");
        assertThat(DatasetCatalog.cifar100().download().md5()).containsEntry("cifar-100-binary.tar.gz", "03b5dce01913d631647c71ecec9e9cb8");
    }

    @Test
    void partialRecordIsTruncationAndACifar10FileIsRecognised() {
        byte[] full = records(4, 0);
        Path f = write(dir.resolve("train.bin"), truncate(full, full.length - 7));
        assertThatThrownBy(() -> Cifar100Format.readFile(f, LabelKind.FINE))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("train.bin")
                .hasMessageContaining("truncated at byte " + (full.length - 7) + " of " + full.length + " expected");
        Path c10 = write(dir.resolve("data_batch_1.bin"), cifarBatch(5, 0));
        assertThatThrownBy(() -> Cifar100Format.readFile(c10, LabelKind.FINE)).hasMessageContaining("fits CIFAR-10's 3073-byte records");
        Path empty = write(dir.resolve("test.bin"), new byte[0]);
        assertThatThrownBy(() -> Cifar100Format.readFile(empty, LabelKind.FINE)).hasMessageContaining("test.bin").hasMessageContaining("empty");
    }

    @Test
    void labelsOutOfRangeAreLocated() {
        byte[] data = records(5, 0);
        data[3 * Cifar100Format.RECORD_BYTES + 1] = 100;
        Path f = write(dir.resolve("bad.bin"), data);
        assertThatThrownBy(() -> Cifar100Format.readFile(f, LabelKind.FINE))
                .hasMessageContaining("bad.bin").hasMessageContaining("fine label 100 out of range 0..99 at record 3");
        byte[] coarse = records(5, 0);
        coarse[2 * Cifar100Format.RECORD_BYTES] = 20;
        Path g = write(dir.resolve("bad2.bin"), coarse);
        // checked even when fine labels are used
        assertThatThrownBy(() -> Cifar100Format.readFile(g, LabelKind.FINE)).hasMessageContaining("coarse label 20 out of range 0..19 at record 2");
    }

    @Test
    void aFineClassWithTwoSuperclassesIsRejected() {
        byte[] data = records(150, 0);
        data[120 * Cifar100Format.RECORD_BYTES] = 7; // record 120 is fine 20 (coarse 4), like record 20
        Path f = write(dir.resolve("train.bin"), data);
        assertThatThrownBy(() -> Cifar100Format.readFile(f, LabelKind.FINE))
                .hasMessageContaining("record 120 pairs fine label 20 with coarse label 7, record 20 with 4");
    }
}
