package io.frugal.methods.data;

import static io.frugal.methods.data.DataFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.frugal.core.BadInputException;
import io.frugal.methods.data.DatasetLocator.Environment;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetLoaderTest {
    @TempDir
    Path tmp;

    private DatasetLoader loaderWithData(Path root) {
        Map<String, String> env = Map.of("FRUGAL_DATA", root.toString());
        Environment e = new Environment(env::get, k -> null, tmp.resolve("home"), tmp.resolve("work"), tmp.resolve("none"));
        return new DatasetLoader(new DatasetLocator(e, DatasetCatalog.standard()));
    }

    @org.junit.jupiter.api.BeforeEach
    void syntheticDataIsOurOwn() {
        // these folders hold generated files, not the published datasets
        System.setProperty(PublishedChecks.CACHE_PROPERTY, tmp.resolve("checksums.properties").toString());
        DataUse.declareOwnData(true);
    }

    @org.junit.jupiter.api.AfterEach
    void back() {
        DataUse.declareOwnData(false);
        System.clearProperty(PublishedChecks.CACHE_PROPERTY);
    }

    @Test
    void dataThatIsNotThePublishedOneIsRefusedUnlessDeclaredOwnAndThenRecorded() {
        Path root = tmp.resolve("data");
        mnistFolder(root.resolve("mnist"), 6, 3, false);
        DataUse.declareOwnData(false);
        assertThatThrownBy(() -> loaderWithData(root).load("mnist"))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(root.resolve("mnist").toString()).hasMessageContaining("checksum mismatch")
                .hasMessageContaining("own_data: true");
        DataUse.declareOwnData(true);
        assertThat(loaderWithData(root).load("mnist").train().count()).isEqualTo(6);
        DataUse.Load last = DataUse.loads().get(DataUse.loads().size() - 1);
        assertThat(last.folder()).isEqualTo(root.resolve("mnist"));
        assertThat(last.mismatches()).hasSize(4).allMatch(m -> m.contains("checksum mismatch"));
        assertThat(tmp.resolve("checksums.properties")).as("outcomes cached by size and mtime").exists();
    }

    @Test
    void loadsEveryFormatByNameAndRecordsSha256OfEachFile() {
        Path root = tmp.resolve("data");
        mnistFolder(root.resolve("mnist"), 6, 3, true);
        cifarFolder(root.resolve("cifar10/cifar-10-batches-bin"), 4);
        norbFolder(root.resolve("smallnorb"), 2, false);
        DatasetLoader loader = loaderWithData(root);

        LoadedDataset mnist = loader.load("mnist");
        assertThat(mnist.train().count()).isEqualTo(6);
        assertThat(mnist.test().count()).isEqualTo(3);
        assertThat(mnist.directory()).isEqualTo(root.resolve("mnist"));
        assertThat(mnist.fileSha256()).containsOnlyKeys("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");
        assertThat(mnist.fileSha256().get("t10k-labels-idx1-ubyte.gz"))
                .isEqualTo(sha256Hex(root.resolve("mnist/t10k-labels-idx1-ubyte.gz")));

        LoadedDataset cifar = loader.load("cifar10");
        assertThat(cifar.train().count()).isEqualTo(20);
        assertThat(cifar.test().count()).isEqualTo(4);
        assertThat(cifar.fileSha256()).containsKey("cifar-10-batches-bin/test_batch.bin");

        LoadedDataset norb = loader.load("smallnorb");
        assertThat(norb.train().height()).isEqualTo(48);
        assertThat(norb.test().count()).isEqualTo(2);
        assertThat(norb.fileSha256()).hasSize(6);
    }

    @Test
    void trainLimitIsTheFirstImages() {
        Path root = tmp.resolve("data");
        mnistFolder(root.resolve("mnist"), 10, 3, false);
        ImageSet head = loaderWithData(root).load("mnist").train().head(4);
        assertThat(head.count()).isEqualTo(4);
        assertThat(head.labels()).containsExactly(0, 1, 2, 3);
        assertThat(head.pixel(3, 0, 1, 1)).isEqualTo(pixel(3, 29));
    }

    @Test
    void imagesOfTheWrongSizeAreRejected() {
        Path dir = mnistFolder(tmp.resolve("data/mnist"), 2, 2, false);
        write(dir.resolve("train-images-idx3-ubyte"), idxImages(2, 32));
        assertThatThrownBy(() -> loaderWithData(tmp.resolve("data")).load("mnist"))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("train-images-idx3-ubyte").hasMessageContaining("images are 1x32x32")
                .hasMessageContaining("1x28x28");
    }

    @Test
    void unknownNameIsBadInput() {
        assertThatThrownBy(() -> loaderWithData(tmp).load("svhn"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("unknown dataset 'svhn'");
    }

    static String sha256Hex(Path p) {
        try {
            return java.util.HexFormat.of().formatHex(
                    java.security.MessageDigest.getInstance("SHA-256").digest(java.nio.file.Files.readAllBytes(p)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
