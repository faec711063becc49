package io.frugal.methods.data;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a dataset file whole, decompressing it when it is gzip. Compression is detected by the gzip
 * magic bytes, not by the name: people gunzip files and keep the name, or download a .gz that a
 * browser already decompressed.
 */
public final class DataFileReader {
    private static final int GZIP_MAGIC_0 = 0x1f;
    private static final int GZIP_MAGIC_1 = 0x8b;

    private DataFileReader() {}

    /** True when the file starts with the gzip magic bytes. */
    public static boolean isGzip(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == GZIP_MAGIC_0 && in.read() == GZIP_MAGIC_1;
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /** The file's content, decompressed if it is gzip. */
    public static byte[] readAll(Path file) {
        if (!Files.isRegularFile(file)) throw new DatasetException(file, "missing (no such file)");
        if (!isGzip(file)) {
            try {
                return Files.readAllBytes(file);
            } catch (IOException e) {
                throw unreadable(file, e);
            }
        }
        try (InputStream in = openDecompressed(file)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(expectedSize(file));
            in.transferTo(out);
            return out.toByteArray();
        } catch (EOFException e) {
            throw new DatasetException(file, "truncated gzip stream (the compressed file ends early; download it again)", e);
        } catch (ZipException e) {
            throw new DatasetException(file, "corrupt gzip data: " + e.getMessage(), e);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /** A stream of the file's content, decompressed if it is gzip (the caller closes it). */
    public static InputStream openDecompressed(Path file) throws IOException {
        InputStream raw = Files.newInputStream(file);
        try {
            return isGzip(file) ? new GZIPInputStream(raw, 1 << 16) : raw;
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    // Gzip stores the uncompressed size modulo 2^32 in its last 4 bytes; a good guess avoids regrowing 47 MB buffers.
    // A truncated file's last bytes are arbitrary, so the guess is capped at a generous compression ratio.
    private static int expectedSize(Path file) {
        try {
            long size = Files.size(file);
            if (size < 18) return 1 << 16;
            byte[] all = new byte[4];
            try (var ch = java.nio.channels.FileChannel.open(file)) {
                ch.read(java.nio.ByteBuffer.wrap(all), size - 4);
            }
            long isize = (all[0] & 0xFFL) | (all[1] & 0xFFL) << 8 | (all[2] & 0xFFL) << 16 | (all[3] & 0xFFL) << 24;
            return (int) Math.max(Math.min(isize, Math.min(20 * size, Integer.MAX_VALUE - 16)), 1 << 16);
        } catch (IOException e) {
            return 1 << 16;
        }
    }

    static DatasetException unreadable(Path file, IOException e) {
        if (e instanceof NoSuchFileException) return new DatasetException(file, "missing (no such file)", e);
        return new DatasetException(file, "cannot read: " + e.getMessage(), e);
    }

    /** Checks that {@code data} holds exactly {@code expected} bytes, naming the shortfall or excess. */
    static void requireLength(Path file, byte[] data, long expected, String what) {
        if (data.length < expected) {
            throw new DatasetException(file, "truncated at byte " + data.length + " of " + expected + " expected (" + what + ")");
        }
        if (data.length > expected) {
            throw new DatasetException(file, (data.length - expected) + " unexpected bytes after the " + expected
                    + " expected (" + what + ")");
        }
    }

    static String hex(int magic) {
        return String.format("0x%08X", magic);
    }
}
