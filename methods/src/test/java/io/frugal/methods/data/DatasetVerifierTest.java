package io.frugal.methods.data;

import static io.frugal.methods.data.DataFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.frugal.methods.data.DatasetSource.PublishedChecksum;
import io.frugal.methods.data.DatasetVerifier.FileCheck;
import io.frugal.methods.data.DatasetVerifier.Verification;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetVerifierTest {
    @TempDir
    Path tmp;

    /** The real MNIST source with checksums replaced by those of the generated files (as if they were published). */
    private DatasetSource publishing(Path dir, boolean asGz) {
        DatasetSource real = DatasetCatalog.standard().source("mnist");
        Map<String, PublishedChecksum> sums = new LinkedHashMap<>();
        for (String f : real.allFiles()) {
            Path p = real.find(dir, f).orElseThrow();
            String gz = asGz ? FileDigests.md5(p) : "0".repeat(32);
            sums.put(f, new PublishedChecksum(gz, FileDigests.contentMd5(p), "the test"));
        }
        return new DatasetSource(real.name(), real.format(), real.trainFiles(), real.testFiles(), real.subfolders(), sums,
                real.checksumNote(), real.download(), real.howToGet());
    }

    @Test
    void completeDatasetWithPublishedChecksumsPasses() {
        Path dir = mnistFolder(tmp.resolve("mnist"), 6, 3, true);
        Verification v = DatasetVerifier.verify(info("mnist", 6, 3), publishing(dir, true), dir);
        assertThat(v.ok()).isTrue();
        assertThat(v.trainCount()).isEqualTo(6);
        assertThat(v.files()).hasSize(4).allSatisfy(f -> {
            assertThat(f.checksum()).contains("matches the published .gz");
            assertThat(f.sha256()).isEqualTo(DatasetLoaderTest.sha256Hex(f.path()));
            assertThat(f.gzip()).isTrue();
        });
    }

    @Test
    void recompressedGzipPassesOnItsDecompressedContent() {
        Path dir = mnistFolder(tmp.resolve("mnist"), 6, 3, true);
        Verification v = DatasetVerifier.verify(info("mnist", 6, 3), publishing(dir, false), dir);
        assertThat(v.ok()).isTrue();
        assertThat(v.files().get(0).checksum()).contains("decompressed content matches the published original")
                .contains("re-compressed");
    }

    @Test
    void changedFileFailsItsChecksum() {
        Path dir = mnistFolder(tmp.resolve("mnist"), 6, 3, false);
        DatasetSource source = publishing(dir, true);
        byte[] labels = idxLabels(3, 10);
        labels[9] = 7; // a different but valid label
        write(dir.resolve("t10k-labels-idx1-ubyte"), labels);
        Verification v = DatasetVerifier.verify(info("mnist", 6, 3), source, dir);
        assertThat(v.ok()).isFalse();
        FileCheck bad = v.files().get(3);
        assertThat(bad.problem()).contains("checksum mismatch").contains("t10k-labels-idx1-ubyte");
        assertThat(v.files().subList(0, 3)).allMatch(FileCheck::ok);
    }

    @Test
    void truncatedFileIsAttributedToItself() {
        Path dir = mnistFolder(tmp.resolve("mnist"), 6, 3, false);
        byte[] full = idxImages(6, 28);
        write(dir.resolve("train-images-idx3-ubyte"), truncate(full, 1000));
        Verification v = DatasetVerifier.verify(info("mnist", 6, 3), publishing(dir, true), dir);
        assertThat(v.files().get(0).problem()).contains("truncated at byte 1000 of " + full.length);
        assertThat(v.allProblems()).anyMatch(p -> p.contains("train-images-idx3-ubyte: truncated"));
    }

    @Test
    void sizesUnlikeThePublishedOnesFail() {
        Path dir = cifarFolder(tmp.resolve("cifar10"), 3);
        Verification v = DatasetVerifier.verify(Datasets.info("cifar10"), DatasetCatalog.standard().source("cifar10"), dir);
        assertThat(v.ok()).isFalse();
        assertThat(v.problems()).anyMatch(p -> p.contains("15 training images, but the published dataset has 50000"));
        assertThat(v.files()).allSatisfy(f -> assertThat(f.checksum()).contains("no published checksum for extracted files"));
    }

    @Test
    void missingFileIsListed() {
        Path dir = norbFolder(tmp.resolve("smallnorb"), 2, true);
        dir.resolve(NORB_TEST + "info.mat.gz").toFile().delete();
        Verification v = DatasetVerifier.verify(info("smallnorb", 2, 2), DatasetCatalog.standard().source("smallnorb"), dir);
        assertThat(v.ok()).isFalse();
        assertThat(v.allProblems()).singleElement().asString().contains(NORB_TEST + "info.mat").contains("missing");
    }
}
