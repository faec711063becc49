package io.frugal.methods.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.frugal.core.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
    @TempDir
    Path dir;

    private static Checkpoint sample(float first) {
        TrainProgress p = new TrainProgress();
        p.completedEpochs = 3;
        p.batch = 7;
        p.epochLossSum = 0.1 + 0.2; // not exactly representable: must come back bit for bit
        p.bestTop1 = 0.987654321;
        p.optimizerSteps = 1234;
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("param/w", new Tensor(new long[] {2, 2}, new float[] {first, -0f, Float.MIN_VALUE, 3.4e38f}));
        t.put("ema/w", new Tensor(new long[] {1}, new float[] {0.5f}));
        return new Checkpoint("abc", p, t);
    }

    @Test
    void roundTripsEveryBitAndReplacesTheFileWithoutLeavingTempFiles() throws IOException {
        Path file = dir.resolve("checkpoint/latest.ckpt");
        sample(1f).write(file);
        sample(2f).write(file);
        Checkpoint back = Checkpoint.read(file);
        assertThat(back.configSha256()).isEqualTo("abc");
        assertThat(back.progress().epochLossSum).isEqualTo(0.1 + 0.2);
        assertThat(back.progress().bestTop1).isEqualTo(0.987654321);
        assertThat(back.progress().completedEpochs).isEqualTo(3);
        assertThat(back.progress().batch).isEqualTo(7);
        assertThat(back.progress().optimizerSteps).isEqualTo(1234);
        assertThat(back.tensor("param/w", new long[] {2, 2}).values()).containsExactly(2f, -0f, Float.MIN_VALUE, 3.4e38f);
        assertThat(Float.floatToRawIntBits(back.tensors().get("param/w").values()[1])).isEqualTo(Float.floatToRawIntBits(-0f));
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("latest.ckpt");
        }
    }

    /** A negative length, one past any array, and not a number: each a damaged file named, never a raw exception. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"[-22]", "[9e9]", "[\"x\"]"})
    void aHeaderWithAnImpossibleShapeIsADamagedFileNamedNotARawException(String shape) throws IOException {
        Path file = dir.resolve("latest.ckpt");
        sample(1f).write(file);
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        // as long as [2,2], so the header length still holds; the CRC is checked only after the shapes
        String forged = text.replace("\"shape\":[2,2]", "\"shape\":" + shape);
        Files.write(file, forged.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> Checkpoint.read(file)).as(shape).isInstanceOf(BadInputException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("unusable checkpoint");
    }

    @Test
    void aFlippedByteIsDetected() throws IOException {
        Path file = dir.resolve("latest.ckpt");
        sample(1f).write(file);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 12] ^= 1;
        Files.write(file, bytes);
        assertThatThrownBy(() -> Checkpoint.read(file)).isInstanceOf(BadInputException.class).hasMessageContaining("checksum");
    }

    @Test
    void aTensorOfAnotherShapeIsRefused() {
        Path file = dir.resolve("latest.ckpt");
        sample(1f).write(file);
        assertThatThrownBy(() -> Checkpoint.read(file).tensor("param/w", new long[] {4}))
                .isInstanceOf(BadInputException.class).hasMessageContaining("param/w").hasMessageContaining("[2, 2]");
        assertThatThrownBy(() -> Checkpoint.read(file).tensor("param/missing", new long[] {4}))
                .isInstanceOf(BadInputException.class).hasMessageContaining("missing");
    }

    @Test
    void nativeTensorsAreWrittenFromTheirOwnMemoryAcrossChunkBoundaries() {
        Path file = dir.resolve("native.ckpt");
        try (NDManager manager = NDManager.newBaseManager()) {
            // 3 × 50 000 floats: more than one 64 Ki-float chunk, and not a multiple of it
            NDArray big = manager.arange(150_000f).reshape(3, 50_000).mul(0.001f).sub(7f);
            NDArray small = manager.create(new float[] {-0f, Float.NaN});
            Map<String, TensorValues> t = new LinkedHashMap<>();
            t.put("param/big", TensorValues.of(big));
            t.put("param/small", TensorValues.of(small));
            Checkpoint.write(file, "abc", new TrainProgress(), t);

            Checkpoint back = Checkpoint.read(file);
            assertThat(back.tensor("param/big", new long[] {3, 50_000}).values()).containsExactly(big.toFloatArray());
            float[] s = back.tensor("param/small", new long[] {2}).values();
            assertThat(Float.floatToRawIntBits(s[0])).isEqualTo(Float.floatToRawIntBits(-0f));
            assertThat(s[1]).isNaN();
        }
    }

    @Test
    void aNonFloatTensorIsRefused() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray ints = manager.create(new int[] {1, 2});
            assertThatThrownBy(() -> TensorValues.of(ints)).isInstanceOf(IllegalStateException.class).hasMessageContaining("float32");
        }
    }
}
