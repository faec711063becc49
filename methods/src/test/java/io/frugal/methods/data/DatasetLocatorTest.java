package io.frugal.methods.data;

import static io.frugal.methods.data.DataFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.frugal.core.BadInputException;
import io.frugal.methods.data.DatasetLocator.Environment;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetLocatorTest {
    @TempDir
    Path tmp;

    private final Map<String, String> env = new HashMap<>();
    private final Map<String, String> props = new HashMap<>();

    private DatasetLocator locator() {
        Environment e = new Environment(env::get, props::get, tmp.resolve("home"), tmp.resolve("work"), tmp.resolve("usr-share"));
        return new DatasetLocator(e, DatasetCatalog.standard());
    }

    @Test
    void envVariableEntriesMayBeRootsOrDatasetFolders() {
        Path root = tmp.resolve("root");
        mnistFolder(root.resolve("mnist"), 2, 2, true);
        Path direct = mnistFolder(tmp.resolve("my-digits"), 2, 2, false);
        env.put("FRUGAL_DATA", root + ":" + direct);
        assertThat(locator().locate("mnist")).isEqualTo(root.resolve("mnist"));
        env.put("FRUGAL_DATA", tmp.resolve("empty") + ":" + direct);
        assertThat(locator().locate("mnist")).isEqualTo(direct);
    }

    @Test
    void searchOrderIsEnvThenPropertyThenConfigThenWellKnown() {
        Path viaProperty = mnistFolder(tmp.resolve("prop/mnist"), 2, 2, true);
        Path viaConfig = mnistFolder(tmp.resolve("configured"), 2, 2, true);
        Path cache = mnistFolder(tmp.resolve("home/.cache/frugal/datasets/mnist"), 2, 2, true);
        write(tmp.resolve("home/.config/frugal/datasets.properties"), ("mnist=" + viaConfig + "\n").getBytes());
        props.put("frugal.data", tmp.resolve("prop").toString());
        assertThat(locator().locate("mnist")).isEqualTo(viaProperty);
        props.clear();
        assertThat(locator().locate("mnist")).isEqualTo(viaConfig);
        write(tmp.resolve("home/.config/frugal/datasets.properties"), "# nothing\n".getBytes());
        assertThat(locator().locate("mnist")).isEqualTo(cache);
        Path local = mnistFolder(tmp.resolve("work/data/mnist"), 2, 2, true);
        assertThat(locator().locate("mnist")).isEqualTo(local);
    }

    @Test
    void systemDatasetsFolderIsTheLastPlace() {
        Path system = mnistFolder(tmp.resolve("usr-share/fashion-mnist"), 2, 2, true);
        assertThat(locator().locate("fashion-mnist")).isEqualTo(system);
    }

    @Test
    void incompleteFolderDoesNotCount() {
        Path partial = mnistFolder(tmp.resolve("partial/mnist"), 2, 2, true);
        partial.resolve("t10k-labels-idx1-ubyte.gz").toFile().delete();
        Path full = mnistFolder(tmp.resolve("home/.cache/frugal/datasets/mnist"), 2, 2, true);
        env.put("FRUGAL_DATA", tmp.resolve("partial").toString());
        assertThat(locator().locate("mnist")).isEqualTo(full);
    }

    @Test
    void folderNamedForAnotherDatasetIsNotTakenForThisOne() {
        Path fashion = mnistFolder(tmp.resolve("fashion-mnist"), 2, 2, true); // same file names as MNIST
        env.put("FRUGAL_DATA", fashion.toString());
        assertThat(locator().locate("fashion-mnist")).isEqualTo(fashion);
        assertThat(locator().search("mnist").found()).isEmpty();
    }

    @Test
    void cifarFilesMayLieInTheArchiveSubfolder() {
        Path cifar = tmp.resolve("root/cifar10");
        cifarFolder(cifar.resolve("cifar-10-batches-bin"), 2);
        env.put("FRUGAL_DATA", tmp.resolve("root").toString());
        assertThat(locator().locate("cifar10")).isEqualTo(cifar);
    }

    @Test
    void notFoundListsEveryPlaceAndHowToGetIt() {
        Path partial = mnistFolder(tmp.resolve("partial/fashion-mnist"), 2, 2, true);
        partial.resolve("train-images-idx3-ubyte.gz").toFile().delete();
        env.put("FRUGAL_DATA", tmp.resolve("partial").toString());
        assertThatThrownBy(() -> locator().locate("fashion-mnist"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("dataset 'fashion-mnist' not found")
                .hasMessageContaining(partial + " ($FRUGAL_DATA): missing 1 of 4 files (train-images-idx3-ubyte)")
                .hasMessageContaining(tmp.resolve("work/data/fashion-mnist") + " (./data): no such folder")
                .hasMessageContaining(tmp.resolve("home/.cache/frugal/datasets/fashion-mnist").toString())
                .hasMessageContaining(tmp.resolve("usr-share/fashion-mnist").toString())
                .hasMessageContaining("apt-get install dataset-fashion-mnist");
        assertThatThrownBy(() -> locator().locate("cifar10")).hasMessageContaining("frugal data fetch cifar10");
    }

    @Test
    void unknownDatasetIsBadInput() {
        assertThatThrownBy(() -> locator().locate("imagenet"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("unknown dataset 'imagenet'");
    }
}
