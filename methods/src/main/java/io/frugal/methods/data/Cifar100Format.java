package io.frugal.methods.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The CIFAR-100 binary version ({@code cifar-100-binary/train.bin}, 50 000 records, and
 * {@code test.bin}, 10 000): records of 3074 bytes, a coarse label byte (0..19, the superclass), a
 * fine label byte (0..99) and 3072 pixel bytes, 1024 red, 1024 green, 1024 blue, row-major (already
 * the C×H×W layout of {@link ImageSet}). No header; a file's record count is its size / 3074.
 *
 * <p>Fine labels are the default, as in the paper's CIFAR-100 results. Both label bytes are checked
 * on every record whichever is used, and every fine class must always come with the same coarse class
 * (CIFAR-100's hierarchy): a file whose records are shifted, or a CIFAR-10 file (3073-byte records)
 * whose size happens to be a multiple of 3074, fails there with the record named, instead of
 * yielding noise labels.
 */
public final class Cifar100Format {
    public static final int RECORD_BYTES = 2 + CifarFormat.IMAGE_BYTES;
    public static final int COARSE_CLASSES = 20;
    public static final int FINE_CLASSES = 100;

    /** Which of the two label bytes becomes the image's label. */
    public enum LabelKind { FINE, COARSE }

    private Cifar100Format() {}

    public static ImageSet readFile(Path file, LabelKind kind) {
        byte[] bytes = DataFileReader.readAll(file);
        if (bytes.length == 0) throw new DatasetException(file, "empty file (expected 3074-byte records)");
        if (bytes.length % RECORD_BYTES != 0) {
            long whole = (bytes.length / RECORD_BYTES + 1) * (long) RECORD_BYTES;
            String hint = bytes.length % (CifarFormat.RECORD_BYTES) == 0 ? "; its size fits CIFAR-10's 3073-byte records" : "";
            throw new DatasetException(file, "truncated at byte " + bytes.length + " of " + whole
                    + " expected (not a whole number of 3074-byte records" + hint + ")");
        }
        int count = bytes.length / RECORD_BYTES;
        byte[] pixels = new byte[count * CifarFormat.IMAGE_BYTES];
        int[] labels = new int[count];
        int[] coarseOfFine = new int[FINE_CLASSES];
        int[] firstRecord = new int[FINE_CLASSES];
        java.util.Arrays.fill(coarseOfFine, -1);
        for (int r = 0; r < count; r++) {
            int at = r * RECORD_BYTES;
            int coarse = checkLabel(file, r, "coarse", bytes[at] & 0xFF, COARSE_CLASSES);
            int fine = checkLabel(file, r, "fine", bytes[at + 1] & 0xFF, FINE_CLASSES);
            if (coarseOfFine[fine] < 0) {
                coarseOfFine[fine] = coarse;
                firstRecord[fine] = r;
            } else if (coarseOfFine[fine] != coarse) {
                throw new DatasetException(file, "record " + r + " pairs fine label " + fine + " with coarse label " + coarse
                        + ", record " + firstRecord[fine] + " with " + coarseOfFine[fine]
                        + " (each CIFAR-100 class has one superclass: misaligned records or not a CIFAR-100 file)");
            }
            labels[r] = kind == LabelKind.FINE ? fine : coarse;
            System.arraycopy(bytes, at + 2, pixels, r * CifarFormat.IMAGE_BYTES, CifarFormat.IMAGE_BYTES);
        }
        return new ImageSet(pixels, labels, count, CifarFormat.CHANNELS, CifarFormat.SIDE, CifarFormat.SIDE);
    }

    /** Reads the files in order and concatenates them. */
    public static ImageSet read(List<Path> files, LabelKind kind) {
        List<ImageSet> parts = new ArrayList<>();
        for (Path f : files) parts.add(readFile(f, kind));
        return CifarFormat.concat(parts);
    }

    private static int checkLabel(Path file, int record, String which, int label, int classes) {
        if (label >= classes) {
            throw new DatasetException(file, which + " label " + label + " out of range 0.." + (classes - 1) + " at record " + record);
        }
        return label;
    }
}
