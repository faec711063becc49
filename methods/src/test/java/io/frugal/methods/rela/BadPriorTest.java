package io.frugal.methods.rela;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.frugal.core.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prior files a user may hand over by mistake: each is bad input (exit 2) naming the file and the problem. */
class BadPriorTest {
    @TempDir
    Path tmp;

    private Path savedPrior(int channels) {
        try (NDManager m = NDManager.newBaseManager()) {
            BackboneSpec spec = new BackboneSpec("small-cnn", 0.125, channels);
            Backbone b = spec.create(4);
            b.initialize(m, DataType.FLOAT32, new Shape(2, channels, 28, 28));
            Path dir = tmp.resolve("model-c" + channels);
            BackboneFile.write(dir, b, spec, 28);
            return dir;
        }
    }

    @Test
    void aSavedBackboneReadsBackWithTheSameHash() throws Exception {
        Path dir = savedPrior(1);
        try (NDManager m = NDManager.newBaseManager()) {
            BackboneFile.Loaded l = BackboneFile.readRunModel(dir, 1, 28, m);
            assertThat(l.sha256()).isEqualTo(BackboneFile.sha256(Files.readAllBytes(dir.resolve(BackboneFile.PARAMS))));
            assertThat(l.backbone().featureDim()).isEqualTo(32);
        }
    }

    @Test
    void wrongFormat() throws Exception {
        Path f = tmp.resolve("prior.params");
        Files.writeString(f, "this is not a parameter file at all, just text");
        try (NDManager m = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> BackboneFile.readParams(f, new BackboneSpec("small-cnn", 0.125, 1), 28, m))
                    .isInstanceOf(BadInputException.class).hasMessageContaining(f.toString()).hasMessageContaining("not a DJL parameter file");
        }
    }

    @Test
    void truncated() throws Exception {
        Path dir = savedPrior(1);
        Path f = dir.resolve(BackboneFile.PARAMS);
        byte[] bytes = Files.readAllBytes(f);
        Path cut = tmp.resolve("cut.params");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
        try (NDManager m = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> BackboneFile.readParams(cut, new BackboneSpec("small-cnn", 0.125, 1), 28, m))
                    .isInstanceOf(BadInputException.class).hasMessageContaining(cut.toString());
        }
        // the same truncation inside a run's model folder: the recorded hash no longer matches either
        Files.write(f, Arrays.copyOf(bytes, bytes.length - 3));
        try (NDManager m = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> BackboneFile.readRunModel(dir, 1, 28, m)).isInstanceOf(BadInputException.class)
                    .hasMessageContaining(f.toString());
        }
    }

    @Test
    void wrongInputShape() throws Exception {
        Path gray = savedPrior(1);
        try (NDManager m = NDManager.newBaseManager()) {
            // a run's model for 1-channel images, asked to embed RGB images
            assertThatThrownBy(() -> BackboneFile.readRunModel(gray, 3, 32, m)).isInstanceOf(BadInputException.class)
                    .hasMessageContaining("1-channel").hasMessageContaining("3 channels");
            // the same parameters as a DJL file for a 3-channel backbone
            assertThatThrownBy(() -> BackboneFile.readParams(gray.resolve(BackboneFile.PARAMS), new BackboneSpec("small-cnn", 0.125, 3), 32, m))
                    .isInstanceOf(BadInputException.class).hasMessageContaining("1-channel inputs, this run's images have 3");
            // or for another width
            assertThatThrownBy(() -> BackboneFile.readParams(gray.resolve(BackboneFile.PARAMS), new BackboneSpec("small-cnn", 0.25, 1), 28, m))
                    .isInstanceOf(BadInputException.class).hasMessageContaining("has shape");
        }
    }

    @Test
    void missingModelFolderOrFile() {
        try (NDManager m = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> BackboneFile.readRunModel(tmp.resolve("nothing"), 1, 28, m)).isInstanceOf(BadInputException.class)
                    .hasMessageContaining(BackboneFile.SPEC);
            assertThatThrownBy(() -> BackboneFile.readParams(tmp.resolve("none.params"), new BackboneSpec("small-cnn", 1, 1), 28, m))
                    .isInstanceOf(BadInputException.class).hasMessageContaining("cannot read");
        }
    }
}
