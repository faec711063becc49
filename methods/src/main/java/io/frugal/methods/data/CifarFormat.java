package io.frugal.methods.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The CIFAR-10 binary version: files of 3073-byte records, a label byte (0..9) then 1024 red, 1024
 * green and 1024 blue bytes, row-major: already the C×H×W layout of {@link ImageSet}. There is no
 * header, so a file's record count is its size / 3073; it must be a whole, non-zero number.
 */
public final class CifarFormat {
    public static final int CHANNELS = 3;
    public static final int SIDE = 32;
    public static final int IMAGE_BYTES = CHANNELS * SIDE * SIDE;
    public static final int RECORD_BYTES = 1 + IMAGE_BYTES;
    public static final int CLASSES = 10;

    private CifarFormat() {}

    /** Reads one batch file, checking its size and labels. */
    public static ImageSet readBatch(Path file) {
        byte[] bytes = DataFileReader.readAll(file);
        if (bytes.length == 0) throw new DatasetException(file, "empty file (expected 3073-byte records)");
        if (bytes.length % RECORD_BYTES != 0) {
            long whole = (bytes.length / RECORD_BYTES + 1) * (long) RECORD_BYTES;
            throw new DatasetException(file, "truncated at byte " + bytes.length + " of " + whole
                    + " expected (not a whole number of 3073-byte records)");
        }
        int count = bytes.length / RECORD_BYTES;
        byte[] pixels = new byte[count * IMAGE_BYTES];
        int[] labels = new int[count];
        for (int r = 0; r < count; r++) {
            labels[r] = Labels.check(file, r, bytes[r * RECORD_BYTES] & 0xFF, CLASSES);
            System.arraycopy(bytes, r * RECORD_BYTES + 1, pixels, r * IMAGE_BYTES, IMAGE_BYTES);
        }
        return new ImageSet(pixels, labels, count, CHANNELS, SIDE, SIDE);
    }

    /** Reads batch files in the given order and concatenates them. */
    public static ImageSet read(List<Path> files) {
        List<ImageSet> parts = new ArrayList<>();
        for (Path f : files) parts.add(readBatch(f));
        return concat(parts);
    }

    static ImageSet concat(List<ImageSet> parts) {
        if (parts.size() == 1) return parts.get(0);
        int count = parts.stream().mapToInt(ImageSet::count).sum();
        byte[] pixels = new byte[count * IMAGE_BYTES];
        int[] labels = new int[count];
        int at = 0;
        for (ImageSet p : parts) {
            System.arraycopy(p.pixels(), 0, pixels, at * IMAGE_BYTES, p.pixels().length);
            System.arraycopy(p.labels(), 0, labels, at, p.count());
            at += p.count();
        }
        return new ImageSet(pixels, labels, count, CHANNELS, SIDE, SIDE);
    }
}
