package io.frugal.methods.data;

import static io.frugal.methods.data.DataFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CifarFormatTest {
    @TempDir
    Path dir;

    @Test
    void concatenatesBatchesInOrderKeepingChannelMajorPixels() {
        Path a = write(dir.resolve("a.bin"), cifarBatch(10, 0));
        Path b = write(dir.resolve("b.bin"), cifarBatch(10, 10));
        ImageSet set = CifarFormat.read(List.of(a, b));
        assertThat(set.count()).isEqualTo(20);
        assertThat(set.channels()).isEqualTo(3);
        assertThat(set.labels()[13]).isEqualTo(3);
        // green channel (1), row 4, column 7 of image 13
        assertThat(set.pixel(13, 1, 4, 7)).isEqualTo(pixel(13, 1024 + 4 * 32 + 7));
    }

    @Test
    void partialRecordIsTruncation() {
        byte[] full = cifarBatch(10, 0);
        Path f = write(dir.resolve("data_batch_1.bin"), truncate(full, full.length - 5));
        assertThatThrownBy(() -> CifarFormat.readBatch(f))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("data_batch_1.bin")
                .hasMessageContaining("truncated at byte " + (full.length - 5) + " of " + full.length + " expected");
    }

    @Test
    void emptyFileIsRejected() {
        Path f = write(dir.resolve("test_batch.bin"), new byte[0]);
        assertThatThrownBy(() -> CifarFormat.readBatch(f)).hasMessageContaining("test_batch.bin").hasMessageContaining("empty");
    }

    @Test
    void labelAboveNineIsRejected() {
        byte[] data = cifarBatch(3, 0);
        data[2 * CifarFormat.RECORD_BYTES] = 10;
        Path f = write(dir.resolve("bad.bin"), data);
        assertThatThrownBy(() -> CifarFormat.readBatch(f))
                .hasMessageContaining("bad.bin").hasMessageContaining("label 10 out of range 0..9 at record 2");
    }
}
