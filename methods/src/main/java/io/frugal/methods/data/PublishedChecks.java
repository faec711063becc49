package io.frugal.methods.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The published checksums, checked every time a dataset is loaded for training (not only by
 * {@code frugal data verify}): a copy with one label changed is still a valid file, and only its
 * checksum tells it from the real dataset. Outcomes are cached by file, size and modification time
 * ({@code ~/.cache/frugal/checksums.properties}), so a file is hashed again only when it changes.
 */
public final class PublishedChecks {
    static final String CACHE_PROPERTY = "frugal.checksumCache";
    private static final String OK = "ok";

    private PublishedChecks() {}

    /** One problem per file whose checksum differs from the published one; empty when all match (or none is published). */
    public static List<String> mismatches(DatasetSource source, Map<String, Path> files) {
        Path cacheFile = cacheFile();
        Properties cache = load(cacheFile);
        boolean changed = false;
        List<String> out = new ArrayList<>();
        for (var e : files.entrySet()) {
            if (!source.checksums().containsKey(e.getKey())) continue;
            Path p = e.getValue().toAbsolutePath().normalize();
            String key;
            try {
                key = p + "|" + Files.size(p) + "|" + Files.getLastModifiedTime(p).toMillis();
            } catch (IOException ex) {
                throw DataFileReader.unreadable(p, ex);
            }
            String outcome = cache.getProperty(key);
            if (outcome == null) {
                DatasetVerifier.FileCheck check = DatasetVerifier.checksumOnly(source, e.getKey(), p);
                outcome = check.ok() ? OK : check.problem();
                cache.setProperty(key, outcome);
                changed = true;
            }
            if (!outcome.equals(OK)) out.add(p + ": " + outcome);
        }
        if (changed) save(cacheFile, cache);
        return out;
    }

    private static Path cacheFile() {
        String own = System.getProperty(CACHE_PROPERTY);
        return own != null ? Path.of(own) : Path.of(System.getProperty("user.home"), ".cache", "frugal", "checksums.properties");
    }

    private static Properties load(Path file) {
        Properties p = new Properties();
        if (!Files.isRegularFile(file)) return p;
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            return new Properties(); // a damaged cache only costs hashing again
        }
        return p;
    }

    private static void save(Path file, Properties p) {
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), "checksums", ".tmp");
            try (OutputStream out = Files.newOutputStream(temp)) {
                p.store(out, "frugal: published-checksum outcomes by path|size|mtime");
            }
            Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | UnsupportedOperationException e) {
            // an unwritable cache only costs hashing again next time
        }
    }
}
