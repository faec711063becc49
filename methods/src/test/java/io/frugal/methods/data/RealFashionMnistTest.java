package io.frugal.methods.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.frugal.methods.data.DatasetVerifier.Verification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real Fashion-MNIST as Debian's dataset-fashion-mnist installs it (re-gzipped copies of the
 * authors' files). Skipped where the package is not installed, except in CI (CI=true), where its
 * absence is a failure: the CI machines are meant to have it.
 */
class RealFashionMnistTest {
    static final Path DEBIAN = Path.of("/usr/share/datasets/fashion-mnist");

    @BeforeAll
    static void requireData() {
        boolean present = DatasetCatalog.standard().source("fashion-mnist").isCompleteIn(DEBIAN);
        if (!present && "true".equals(System.getenv("CI"))) {
            fail(DEBIAN + " is missing on CI: apt-get install dataset-fashion-mnist");
        }
        assumeTrue(present, DEBIAN + " not installed (apt-get install dataset-fashion-mnist)");
    }

    @Test
    void loadsWithPublishedSizesShapeAndAllTenClasses() {
        DatasetLocator.Environment env = new DatasetLocator.Environment(k -> null, k -> null, Path.of("/nonexistent-home"),
                Path.of("/nonexistent-work"), DEBIAN.getParent());
        LoadedDataset ds = new DatasetLoader(new DatasetLocator(env, DatasetCatalog.standard())).load("fashion-mnist");
        assertThat(ds.directory()).isEqualTo(DEBIAN);
        assertThat(ds.train().count()).isEqualTo(60_000);
        assertThat(ds.test().count()).isEqualTo(10_000);
        assertThat(ds.train().height()).isEqualTo(28);
        assertThat(ds.train().width()).isEqualTo(28);
        int[] perClass = new int[10];
        for (int label : ds.test().labels()) perClass[label]++;
        assertThat(perClass).containsOnly(1000); // the test set is balanced, 1000 per class
        assertThat(Arrays.stream(ds.train().labels()).distinct().count()).isEqualTo(10);
        assertThat(ds.fileSha256()).hasSize(4).allSatisfy((file, sha) -> assertThat(sha).hasSize(64));
    }

    @Test
    void verifiesAgainstTheAuthorsPublishedChecksums() throws Exception {
        Verification v = DatasetVerifier.verify(Datasets.info("fashion-mnist"),
                DatasetCatalog.standard().source("fashion-mnist"), DEBIAN);
        assertThat(v.allProblems()).isEmpty();
        assertThat(v.ok()).isTrue();
        // Debian re-gzipped the files, so they pass on the MD5 of their decompressed content.
        Map<String, String> content = Map.of("train-images-idx3-ubyte", "f4a8712d7a061bf5bd6d2ca38dc4d50a",
                "t10k-labels-idx1-ubyte", "15d484375f8d13e6eb1aabb0c3f46965");
        for (var e : content.entrySet()) {
            assertThat(FileDigests.contentMd5(DEBIAN.resolve(e.getKey() + ".gz"))).isEqualTo(e.getValue());
        }
        assertThat(v.files()).allSatisfy(f -> assertThat(f.checksum()).contains("matches the published"));
        assertThat(Files.size(DEBIAN.resolve("train-images-idx3-ubyte.gz"))).isEqualTo(v.files().get(0).bytes());
    }
}
