package io.frugal.methods.data;

import static io.frugal.methods.data.DataFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NorbFormatTest {
    @TempDir
    Path dir;

    private ImageSet load(Path folder, String prefix) {
        return NorbFormat.read(folder.resolve(prefix + "dat.mat.gz"), folder.resolve(prefix + "cat.mat.gz"),
                folder.resolve(prefix + "info.mat.gz"));
    }

    @Test
    void keepsFirstImageOfEachPairDownscaledByAreaAverage() {
        norbFolder(dir, 3, true);
        ImageSet set = load(dir, NORB_TRAIN);
        assertThat(set.count()).isEqualTo(3);
        assertThat(set.height()).isEqualTo(48);
        assertThat(set.width()).isEqualTo(48);
        assertThat(set.labels()).containsExactly(0, 1, 2);
        for (int[] yx : new int[][] {{0, 0}, {10, 20}, {47, 47}}) {
            int y = yx[0];
            int x = yx[1];
            int sum = 0;
            for (int dy = 0; dy < 2; dy++) for (int dx = 0; dx < 2; dx++) sum += pixel(2, (2 * y + dy) * 96 + 2 * x + dx);
            // the right image is all 255: had it leaked in, averages would be higher
            assertThat(set.pixel(2, 0, y, x)).isEqualTo((sum + 2) / 4);
        }
    }

    @Test
    void wrongMagicIsReportedInHex() {
        byte[] cat = norbCat(4);
        ByteBuffer.wrap(cat).order(ByteOrder.LITTLE_ENDIAN).putInt(0, NorbFormat.BYTE_MATRIX);
        Path f = write(dir.resolve("x-cat.mat"), cat);
        assertThatThrownBy(() -> NorbFormat.read(f, NorbFormat.INT_MATRIX, 1))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("x-cat.mat").hasMessageContaining("wrong magic 0x1E3D4C55, expected 0x1E3D4C54");
    }

    @Test
    void truncatedDatFile() {
        byte[] dat = norbDat(2);
        Path f = write(dir.resolve("d.mat"), truncate(dat, dat.length - 96));
        assertThatThrownBy(() -> NorbFormat.read(f, NorbFormat.BYTE_MATRIX, 4))
                .hasMessageContaining("d.mat").hasMessageContaining("truncated at byte " + (dat.length - 96) + " of " + dat.length);
    }

    @Test
    void countsMustAgreeAcrossDatCatInfo() {
        Path dat = write(dir.resolve("dat.mat"), norbDat(3));
        Path cat = write(dir.resolve("cat.mat"), norbCat(2));
        Path info = write(dir.resolve("info.mat"), norbInfo(3));
        assertThatThrownBy(() -> NorbFormat.read(dat, cat, info))
                .hasMessageContaining("cat.mat").hasMessageContaining("counts disagree");
    }

    @Test
    void labelAboveFourIsRejected() {
        byte[] cat = norbCat(3);
        ByteBuffer.wrap(cat).order(ByteOrder.LITTLE_ENDIAN).putInt(20 + 4, 5);
        Path dat = write(dir.resolve("dat.mat"), norbDat(3));
        Path catFile = write(dir.resolve("cat.mat"), cat);
        Path info = write(dir.resolve("info.mat"), norbInfo(3));
        assertThatThrownBy(() -> NorbFormat.read(dat, catFile, info))
                .hasMessageContaining("cat.mat").hasMessageContaining("label 5 out of range 0..4 at record 1");
    }
}
