package io.frugal.methods.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.frugal.methods.data.DatasetCatalog;
import io.frugal.methods.data.DatasetLocator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetHeapTest {
    @TempDir
    Path tmp;

    @Test
    void theCapIsAFixedPartPlusFourTimesTheDatasetFilesRoundedUpToMebibytes() {
        assertThat(DatasetHeap.maxHeapBytes(0)).isEqualTo(256L << 20);
        assertThat(DatasetHeap.maxHeapBytes(30L << 20)).isEqualTo(376L << 20);
        assertThat(DatasetHeap.maxHeapBytes(1)).isEqualTo(257L << 20);
        // smallNORB's uncompressed files (~900 MB) still fit with one of them read whole
        assertThat(DatasetHeap.maxHeapBytes(900L << 20)).isEqualTo((256L + 3600) << 20);
    }

    @Test
    void aRunIsCappedBySizeOfItsInstalledDatasetFiles() throws IOException {
        Path data = tmp.resolve("data");
        var source = DatasetCatalog.standard().source("fashion-mnist");
        Path dir = data.resolve("fashion-mnist");
        Files.createDirectories(dir);
        for (String f : source.allFiles()) Files.write(dir.resolve(f), new byte[1 << 20]);
        long files = source.allFiles().size();

        long mib = 256 + 4 * files;
        assertThat(DatasetHeap.maxHeapMiB("fashion-mnist", locator(data))).hasValue(mib);
    }

    @Test
    void noCapWhenTheDatasetIsNotInstalledOrNotNamed() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("none"));
        assertThat(DatasetHeap.maxHeapMiB("fashion-mnist", locator(empty))).isEmpty();
        assertThat(DatasetHeap.maxHeapMiB("no-such-dataset", locator(empty))).isEmpty();
    }

    private DatasetLocator locator(Path data) {
        var env = new DatasetLocator.Environment(Map.of(DatasetLocator.ENV_VAR, data.toString())::get, k -> null, tmp.resolve("home"),
                tmp.resolve("cwd"), tmp.resolve("system"));
        return new DatasetLocator(env, DatasetCatalog.standard());
    }
}
