package io.frugal.methods.data;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The IDX format of MNIST and Fashion-MNIST: a big-endian int magic (0x00000803 = 2051 for unsigned
 * byte 3-d image arrays, 0x00000801 = 2049 for 1-d label arrays; its low byte is the number of
 * dimensions), one big-endian int per dimension, then the bytes. Counts come from the header, so a
 * small test file in the same format loads too; the verifier compares them with published sizes.
 */
public final class IdxFormat {
    public static final int IMAGES_MAGIC = 2051;
    public static final int LABELS_MAGIC = 2049;

    private IdxFormat() {}

    /** One decoded IDX file: its dimensions and its data bytes (after the header). */
    public record IdxArray(Path file, int[] dims, byte[] data) {
        public int count() {
            return dims[0];
        }
    }

    /** Reads and checks one IDX file whose magic must be {@code expectedMagic}. */
    public static IdxArray read(Path file, int expectedMagic) {
        byte[] bytes = DataFileReader.readAll(file);
        String kind = expectedMagic == IMAGES_MAGIC ? "IDX images" : "IDX labels";
        if (bytes.length < 4) DataFileReader.requireLength(file, bytes, 4, kind + " magic number");
        ByteBuffer buf = ByteBuffer.wrap(bytes); // big-endian by default, as IDX is
        int magic = buf.getInt();
        if (magic != expectedMagic) {
            throw new DatasetException(file, "wrong magic " + DataFileReader.hex(magic) + ", expected "
                    + DataFileReader.hex(expectedMagic) + " (" + kind + ")");
        }
        int ndim = magic & 0xFF;
        int headerBytes = 4 + 4 * ndim;
        if (bytes.length < headerBytes) DataFileReader.requireLength(file, bytes, headerBytes, kind + " header");
        int[] dims = new int[ndim];
        long payload = 1;
        for (int d = 0; d < ndim; d++) {
            dims[d] = buf.getInt();
            if (dims[d] <= 0) throw new DatasetException(file, "dimension " + d + " is " + dims[d] + " in the header (" + kind + ")");
            payload *= dims[d];
        }
        DataFileReader.requireLength(file, bytes, headerBytes + payload, kind + " " + describe(dims));
        return new IdxArray(file, dims, Arrays.copyOfRange(bytes, headerBytes, bytes.length));
    }

    /** Reads an images file and its labels file into one set, checking they agree. */
    public static ImageSet readPair(Path imagesFile, Path labelsFile, int classes) {
        IdxArray images = read(imagesFile, IMAGES_MAGIC);
        IdxArray labels = read(labelsFile, LABELS_MAGIC);
        if (images.count() != labels.count()) {
            throw new DatasetException(labelsFile, "counts disagree: " + labels.count() + " labels here but "
                    + images.count() + " images in " + imagesFile);
        }
        int[] classOf = new int[labels.count()];
        for (int i = 0; i < classOf.length; i++) {
            classOf[i] = Labels.check(labelsFile, i, labels.data()[i] & 0xFF, classes);
        }
        return new ImageSet(images.data(), classOf, images.count(), 1, images.dims()[1], images.dims()[2]);
    }

    static String describe(int[] dims) {
        StringBuilder s = new StringBuilder();
        for (int d : dims) s.append(s.isEmpty() ? "" : "x").append(d);
        return s.toString();
    }
}
