package io.frugal.methods.data;

import io.frugal.methods.data.DatasetSource.PublishedChecksum;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a found dataset file by file: present, decodable (magic, header, size, labels, counts
 * agreeing between files), the split sizes equal to the published ones, and the MD5 equal to the
 * published one where there is one. Also reports every file's SHA-256, the value runs record.
 * Unlike {@link DatasetLoader}, which accepts any size the headers declare, verification insists
 * on the published sizes: it answers "is this the real, complete dataset?".
 */
public final class DatasetVerifier {
    /** One file's outcome; {@code problem} is null when it passed. */
    public record FileCheck(String file, Path path, long bytes, boolean gzip, String checksum, String sha256,
                            String problem) {
        public boolean ok() {
            return problem == null;
        }
    }

    /** A whole dataset's outcome: per file, plus problems that belong to no single file. */
    public record Verification(String dataset, Path dir, Integer trainCount, Integer testCount, List<FileCheck> files,
                               List<String> problems) {
        public boolean ok() {
            return problems.isEmpty() && files.stream().allMatch(FileCheck::ok);
        }

        /** Every problem, each naming its file, for an error message. */
        public List<String> allProblems() {
            List<String> all = new ArrayList<>();
            for (FileCheck f : files) if (!f.ok()) all.add(f.path() + ": " + f.problem());
            all.addAll(problems);
            return all;
        }
    }

    private DatasetVerifier() {}

    public static Verification verify(DatasetInfo info, DatasetSource source, Path dir) {
        Map<String, Path> present = source.present(dir);
        List<String> problems = new ArrayList<>();
        DatasetException decodeProblem = null;
        Integer trainCount = null;
        Integer testCount = null;
        if (present.size() == source.allFiles().size()) {
            try {
                trainCount = DatasetLoader.readSplit(info, source, source.trainFiles(), present).count();
                testCount = DatasetLoader.readSplit(info, source, source.testFiles(), present).count();
                requirePublished(problems, "training", trainCount, info.trainSize());
                requirePublished(problems, "test", testCount, info.testSize());
            } catch (DatasetException e) {
                decodeProblem = e;
                if (!present.containsValue(e.file())) problems.add(e.getMessage());
            }
        }
        List<FileCheck> checks = new ArrayList<>();
        for (String name : source.allFiles()) {
            Path path = present.get(name);
            if (path == null) {
                checks.add(new FileCheck(name, dir.resolve(name), 0, false, "", "", "missing (nor " + name + ".gz)"));
                continue;
            }
            String problem = decodeProblem != null && path.equals(decodeProblem.file())
                    ? decodeProblem.problem() : null;
            checks.add(checkFile(source, name, path, problem));
        }
        return new Verification(source.name(), dir, trainCount, testCount, checks, problems);
    }

    private static void requirePublished(List<String> problems, String split, int count, int published) {
        if (count != published) {
            problems.add(count + " " + split + " images, but the published dataset has " + published
                    + " (a partial or different copy?)");
        }
    }

    /** The published-checksum check of one file alone (what loading for training enforces). */
    static FileCheck checksumOnly(DatasetSource source, String name, Path path) {
        return checkFile(source, name, path, null);
    }

    private static FileCheck checkFile(DatasetSource source, String name, Path path, String decodeProblem) {
        long bytes;
        try {
            bytes = Files.size(path);
        } catch (IOException e) {
            throw DataFileReader.unreadable(path, e);
        }
        boolean gzip = DataFileReader.isGzip(path);
        String sha256 = FileDigests.sha256(path);
        PublishedChecksum published = source.checksums().get(name);
        String checksum = source.checksumNote();
        String problem = decodeProblem;
        if (published != null) {
            String md5 = FileDigests.md5(path);
            if (gzip && md5.equals(published.gzMd5())) {
                checksum = "md5 " + md5 + " matches the published .gz (" + published.publishedBy() + ")";
            } else {
                String content = gzip && decodeProblem == null ? FileDigests.contentMd5(path) : md5;
                if (decodeProblem == null && content.equals(published.contentMd5())) {
                    checksum = "md5 " + content + " of the " + (gzip ? "decompressed content " : "file ")
                            + "matches the published original (" + published.publishedBy() + ")"
                            + (gzip ? "; the .gz itself was re-compressed" : "");
                } else {
                    checksum = "md5 " + md5 + (gzip && decodeProblem == null ? " (decompressed " + content + ")" : "");
                    if (problem == null) {
                        problem = "checksum mismatch: md5 " + checksum.substring(4) + " matches neither the published "
                                + name + ".gz md5 " + published.gzMd5() + " nor the published " + name + " md5 "
                                + published.contentMd5() + " (" + published.publishedBy() + ")";
                    }
                }
            }
        }
        return new FileCheck(name, path, bytes, gzip, checksum, sha256, problem);
    }
}
