package io.frugal.methods.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checksums of dataset files: MD5 to compare with what dataset authors publish, SHA-256 for run
 * provenance. SHA-256s are cached per process, keyed by path, size and modification time, because
 * every run start records them and hashing CIFAR-10 takes a noticeable moment.
 */
public final class FileDigests {
    private record Key(Path path, long size, long modified) {}

    private static final Map<Key, String> SHA256 = new ConcurrentHashMap<>();

    private FileDigests() {}

    /** SHA-256 (hex) of the file as stored (compressed or not), cached while the file is unchanged. */
    public static String sha256(Path file) {
        Key key;
        try {
            Path abs = file.toAbsolutePath().normalize();
            key = new Key(abs, Files.size(abs), Files.getLastModifiedTime(abs).toMillis());
        } catch (IOException e) {
            throw DataFileReader.unreadable(file, e);
        }
        return SHA256.computeIfAbsent(key, k -> digestOf(file, "SHA-256", false));
    }

    /** MD5 (hex) of the file as stored. */
    public static String md5(Path file) {
        return digestOf(file, "MD5", false);
    }

    /** MD5 (hex) of the file's decompressed content (the same as {@link #md5} for a plain file). */
    public static String contentMd5(Path file) {
        return digestOf(file, "MD5", true);
    }

    /** A fresh digest; the JDK always has MD5 and SHA-256, so their absence is a broken JDK, not bad input. */
    public static MessageDigest newDigest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " missing from this JDK", e);
        }
    }

    public static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String digestOf(Path file, String algorithm, boolean decompress) {
        MessageDigest digest = newDigest(algorithm);
        try (InputStream in = decompress ? DataFileReader.openDecompressed(file) : Files.newInputStream(file);
             DigestInputStream din = new DigestInputStream(in, digest)) {
            din.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new DatasetException(file, "cannot read for checksum: " + e.getMessage(), e);
        }
        return hex(digest);
    }
}
