package io.frugal.methods.data;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads the entries of a ustar/GNU tar stream (what {@code cifar-10-binary.tar.gz} is), enough to
 * extract regular files: 512-byte headers with the name, octal size and type, data padded to 512.
 */
final class TarReader {
    private static final int BLOCK = 512;

    /** Called for each regular file; {@code content} yields exactly its bytes and must not be closed. */
    @FunctionalInterface
    interface EntryHandler {
        void entry(String name, long size, InputStream content) throws IOException;
    }

    private TarReader() {}

    static void read(InputStream tar, EntryHandler handler) throws IOException {
        byte[] header = new byte[BLOCK];
        while (readBlock(tar, header)) {
            if (isZero(header)) return; // end-of-archive marker
            String name = field(header, 0, 100);
            String prefix = field(header, 345, 155);
            if (!prefix.isEmpty() && header[257] == 'u') name = prefix + "/" + name; // ustar long path
            long size = octal(header, 124, 12);
            byte type = header[156];
            Bounded content = new Bounded(tar, size);
            if (type == '0' || type == 0) handler.entry(name, size, content);
            content.skipRest();
            long padding = (BLOCK - size % BLOCK) % BLOCK;
            tar.skipNBytes(padding);
        }
    }

    private static boolean readBlock(InputStream in, byte[] block) throws IOException {
        int n = in.readNBytes(block, 0, BLOCK);
        if (n == 0) return false;
        if (n < BLOCK) throw new IOException("tar archive ends inside a header");
        return true;
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) if (b != 0) return false;
        return true;
    }

    private static String field(byte[] h, int at, int len) {
        int end = at;
        while (end < at + len && h[end] != 0) end++;
        return new String(h, at, end - at, StandardCharsets.US_ASCII);
    }

    private static long octal(byte[] h, int at, int len) throws IOException {
        String s = field(h, at, len).trim();
        try {
            return s.isEmpty() ? 0 : Long.parseLong(s, 8);
        } catch (NumberFormatException e) {
            throw new IOException("bad size field '" + s + "' in tar header");
        }
    }

    /** A view of the next {@code remaining} bytes of the tar stream. */
    private static final class Bounded extends FilterInputStream {
        private long remaining;

        Bounded(InputStream in, long size) {
            super(in);
            this.remaining = size;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) return -1;
            int b = in.read();
            if (b < 0) throw new IOException("tar archive ends inside an entry");
            remaining--;
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            if (remaining <= 0) return -1;
            int n = in.read(buf, off, (int) Math.min(len, remaining));
            if (n < 0) throw new IOException("tar archive ends inside an entry");
            remaining -= n;
            return n;
        }

        @Override
        public void close() {
            // the tar stream stays open for the next entry
        }

        void skipRest() throws IOException {
            in.skipNBytes(remaining);
            remaining = 0;
        }
    }
}
