package io.frugal.methods.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything frugal knows about one dataset's files: their names per split (each may also be
 * stored gzipped as NAME.gz), sub-folders they may sit in, published checksums, and how to get them.
 *
 * @param trainFiles uncompressed file names of the training split, in the order the format reads them
 * @param testFiles same for the test split
 * @param subfolders folders inside the dataset folder that may hold the files (e.g. CIFAR's
 *     {@code cifar-10-batches-bin/}), tried after the dataset folder itself
 * @param checksums published MD5s per uncompressed file name; files without an entry have none
 * @param checksumNote what to say for files without a published checksum
 * @param download where {@code frugal data fetch} gets the files
 * @param howToGet one sentence for the user: the package to install or the download to make
 */
public record DatasetSource(String name, DatasetFormat format, List<String> trainFiles, List<String> testFiles,
                            List<String> subfolders, Map<String, PublishedChecksum> checksums, String checksumNote,
                            Download download, String howToGet) {

    /**
     * MD5s as published for the original files. {@code gzMd5} is that of NAME.gz as distributed;
     * {@code contentMd5} that of the decompressed bytes, which also identifies a re-compressed copy
     * (Debian's dataset-fashion-mnist re-gzips the files, so their .gz MD5s differ from Zalando's).
     */
    public record PublishedChecksum(String gzMd5, String contentMd5, String publishedBy) {}

    /**
     * Where to download from: {@code files} under {@code baseUrl}, with their MD5s where published.
     * When {@code archiveFolder} is set, the (single) download is a .tar.gz whose members under
     * that folder are extracted and the archive dropped.
     */
    public record Download(String baseUrl, List<String> files, Map<String, String> md5, String archiveFolder) {
        public boolean isArchive() {
            return archiveFolder != null;
        }
    }

    public List<String> allFiles() {
        List<String> all = new ArrayList<>(trainFiles);
        all.addAll(testFiles);
        return all;
    }

    /** Where {@code fileName} (or its .gz) lies under {@code dir}, if anywhere. */
    public Optional<Path> find(Path dir, String fileName) {
        List<Path> folders = new ArrayList<>();
        folders.add(dir);
        for (String sub : subfolders) folders.add(dir.resolve(sub));
        for (Path folder : folders) {
            for (String candidate : List.of(fileName, fileName + ".gz")) {
                Path p = folder.resolve(candidate);
                if (Files.isRegularFile(p)) return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The files of this dataset found under {@code dir}, by uncompressed name, in catalog order. */
    public Map<String, Path> present(Path dir) {
        Map<String, Path> found = new LinkedHashMap<>();
        for (String f : allFiles()) find(dir, f).ifPresent(p -> found.put(f, p));
        return found;
    }

    /** The names of this dataset's files not under {@code dir}. */
    public List<String> missing(Path dir) {
        Map<String, Path> found = present(dir);
        return allFiles().stream().filter(f -> !found.containsKey(f)).toList();
    }

    /** True when every file of the dataset is under {@code dir}: only then does a folder count as found. */
    public boolean isCompleteIn(Path dir) {
        return Files.isDirectory(dir) && missing(dir).isEmpty();
    }
}
