package io.frugal.harness.manifest;

import io.frugal.core.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;

/** Loading a manifest file for a profile and overrides: the one entry point of this package. */
public final class Manifests {
    private Manifests() {}

    /**
     * Reads, checks and expands {@code file}. Reads nothing but the file and writes nothing.
     *
     * @param profile a profile name of the manifest, or null
     * @param sets    {@code key=value} overrides in the order given
     * @throws ManifestException  with every problem, each once, sorted by place
     * @throws BadInputException  if the file is missing, unreadable or not .json/.yaml/.yml
     */
    public static final long DEFAULT_MAX_RUNS = RunResolver.DEFAULT_MAX_RUNS;

    public static ResolvedManifest load(Path file, String profile, List<String> sets) {
        return load(file, profile, sets, DEFAULT_MAX_RUNS);
    }

    /** As {@link #load(Path, String, List)}, refusing a grid of more than {@code maxRuns} runs before expanding it. */
    public static ResolvedManifest load(Path file, String profile, List<String> sets, long maxRuns) {
        String source = file.toString();
        var format = LocatedTreeReader.factoryFor(source);
        byte[] bytes = readBytes(file);
        List<ManifestProblem> problems = new ArrayList<>();
        LocatedDocument doc = LocatedTreeReader.parse(bytes, source, format, problems);
        List<SetOverride> overrides = SetOverride.parseAll(sets, problems);
        Manifest manifest = doc == null ? null : ManifestReader.read(doc, problems);
        ResolvedManifest resolved = manifest == null ? null
                : RunResolver.resolve(manifest, sha256(bytes), profile, overrides, problems, maxRuns);
        if (!problems.isEmpty()) {
            List<ManifestProblem> unique = new ArrayList<>(new LinkedHashSet<>(problems));
            unique.sort(ManifestProblem.BY_PLACE);
            throw new ManifestException(source, unique);
        }
        if (resolved.runs().isEmpty()) throw new IllegalStateException("a valid manifest has runs");
        return resolved;
    }

    private static byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new BadInputException("manifest not found: " + file);
        } catch (IOException e) {
            throw new BadInputException("cannot read manifest " + file + ": " + e.getMessage(), e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
