package io.frugal.reproducibility;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frugal.core.store.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of dataset files, cached on disk by absolute path, size and modification time, so that a
 * file is hashed once however many runs (and verifies) read it. The cache is one JSON file
 * (default ~/.cache/frugal/sha256.json, FRUGAL_DIGEST_CACHE overrides); losing it only costs time.
 */
public final class DigestCache {
    public static final String ENV = "FRUGAL_DIGEST_CACHE";
    private final Path file;

    public DigestCache(Path file) {
        this.file = file;
    }

    public static DigestCache system() {
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) return new DigestCache(Path.of(env));
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return new DigestCache(base.resolve("frugal").resolve("sha256.json"));
    }

    /** What a file is now: its size, modification time (ms) and SHA-256 (from the cache while size and time are unchanged). */
    public record FileState(Path path, long bytes, long modifiedMillis, String sha256) {}

    public synchronized FileState state(Path path) throws IOException {
        Path abs = path.toAbsolutePath().normalize();
        long size = Files.size(abs);
        long mtime = Files.getLastModifiedTime(abs).toMillis();
        String key = abs.toString();
        ObjectNode cache = load();
        JsonNode hit = cache.get(key);
        if (hit != null && hit.path("bytes").asLong(-1) == size && hit.path("mtime").asLong(-1) == mtime && hit.path("sha256").isTextual()) {
            return new FileState(abs, size, mtime, hit.get("sha256").textValue());
        }
        String sha = sha256(abs);
        remember(new FileState(abs, size, mtime, sha));
        return new FileState(abs, size, mtime, sha);
    }

    /** Records a hash computed elsewhere (a trainer's loader already hashed the file it read). */
    public synchronized void remember(FileState s) {
        ObjectNode cache = load();
        cache.putObject(s.path().toString()).put("bytes", s.bytes()).put("mtime", s.modifiedMillis()).put("sha256", s.sha256());
        try {
            Files.createDirectories(file.getParent());
            Json.writeAtomically(file, cache);
        } catch (IOException | RuntimeException e) {
            // a read-only home on a compute node: the hash is still right, only not cached
        }
    }

    private ObjectNode load() {
        if (!Files.isRegularFile(file)) return Json.object();
        try {
            JsonNode n = Json.read(file);
            return n instanceof ObjectNode o ? o : Json.object();
        } catch (RuntimeException e) {
            return Json.object(); // a damaged cache is rebuilt, never trusted
        }
    }

    public static String sha256(Path file) throws IOException {
        MessageDigest d;
        try {
            d = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = Files.newInputStream(file); DigestInputStream din = new DigestInputStream(in, d)) {
            din.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(d.digest());
    }
}
