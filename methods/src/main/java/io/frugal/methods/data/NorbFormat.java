package io.frugal.methods.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * smallNORB's binary matrix files: a little-endian header of magic (0x1E3D4C55 byte matrix,
 * 0x1E3D4C54 int32 matrix), ndim, and the dimensions, where at least 3 dimensions are always stored
 * even when ndim is smaller (the unused ones hold 1); then the data, little-endian. The -dat file
 * is N×2×96×96 (stereo pairs), -cat is N int32 labels (0..4), -info is N×4 int32 (instance,
 * elevation, azimuth, lighting). We keep the first image of each pair and downscale it to 48×48 by
 * 2×2 area averaging once at load, as the HVC setup trains on 32×32 crops of 48×48 images.
 */
public final class NorbFormat {
    public static final int BYTE_MATRIX = 0x1E3D4C55;
    public static final int INT_MATRIX = 0x1E3D4C54;
    public static final int SIDE = 96;
    public static final int STORED_SIDE = 48;
    public static final int CLASSES = 5;
    private static final int INFO_COLUMNS = 4;

    private NorbFormat() {}

    /** One decoded matrix file: the dimensions (ndim of them) and the data after the header. */
    public record NorbMatrix(Path file, int[] dims, ByteBuffer data) {
        public int count() {
            return dims[0];
        }
    }

    /** Reads and checks one matrix file: magic, header, and that the size matches the dimensions. */
    public static NorbMatrix read(Path file, int expectedMagic, int expectedNdim) {
        byte[] bytes = DataFileReader.readAll(file);
        String kind = expectedMagic == BYTE_MATRIX ? "smallNORB byte matrix" : "smallNORB int32 matrix";
        if (bytes.length < 8) DataFileReader.requireLength(file, bytes, 8, kind + " header");
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int magic = buf.getInt();
        if (magic != expectedMagic) {
            throw new DatasetException(file, "wrong magic " + DataFileReader.hex(magic) + ", expected "
                    + DataFileReader.hex(expectedMagic) + " (" + kind + ")");
        }
        int ndim = buf.getInt();
        if (ndim != expectedNdim) {
            throw new DatasetException(file, "header says " + ndim + " dimensions, expected " + expectedNdim + " (" + kind + ")");
        }
        int storedDims = Math.max(3, ndim);
        int headerBytes = 8 + 4 * storedDims;
        if (bytes.length < headerBytes) DataFileReader.requireLength(file, bytes, headerBytes, kind + " header");
        int[] dims = new int[ndim];
        long elements = 1;
        for (int d = 0; d < storedDims; d++) {
            int v = buf.getInt();
            if (d < ndim) {
                if (v <= 0) throw new DatasetException(file, "dimension " + d + " is " + v + " in the header (" + kind + ")");
                dims[d] = v;
                elements *= v;
            }
        }
        long elementBytes = expectedMagic == BYTE_MATRIX ? 1 : 4;
        DataFileReader.requireLength(file, bytes, headerBytes + elements * elementBytes,
                kind + " " + IdxFormat.describe(dims));
        ByteBuffer data = ByteBuffer.wrap(bytes, headerBytes, bytes.length - headerBytes).slice().order(ByteOrder.LITTLE_ENDIAN);
        return new NorbMatrix(file, dims, data);
    }

    /** Reads one split (dat, cat, info), checking shapes, labels and that the counts agree. */
    public static ImageSet read(Path datFile, Path catFile, Path infoFile) {
        NorbMatrix dat = read(datFile, BYTE_MATRIX, 4);
        int[] d = dat.dims();
        if (d[1] != 2 || d[2] != SIDE || d[3] != SIDE) {
            throw new DatasetException(datFile, "shape " + IdxFormat.describe(d) + ", expected Nx2x96x96 stereo pairs");
        }
        NorbMatrix cat = read(catFile, INT_MATRIX, 1);
        NorbMatrix info = read(infoFile, INT_MATRIX, 2);
        if (info.dims()[1] != INFO_COLUMNS) {
            throw new DatasetException(infoFile, "shape " + IdxFormat.describe(info.dims()) + ", expected Nx4");
        }
        requireSameCount(cat, dat);
        requireSameCount(info, dat);
        int count = dat.count();
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) labels[i] = Labels.check(catFile, i, cat.data().getInt(i * 4), CLASSES);
        return new ImageSet(firstOfPairsDownscaled(dat), labels, count, 1, STORED_SIDE, STORED_SIDE);
    }

    private static void requireSameCount(NorbMatrix other, NorbMatrix dat) {
        if (other.count() != dat.count()) {
            throw new DatasetException(other.file(), "counts disagree: " + other.count() + " records here but "
                    + dat.count() + " image pairs in " + dat.file());
        }
    }

    // 2x2 area average, rounded to nearest: the same as an area resize from 96 to 48.
    private static byte[] firstOfPairsDownscaled(NorbMatrix dat) {
        ByteBuffer src = dat.data();
        int pairBytes = 2 * SIDE * SIDE;
        byte[] out = new byte[dat.count() * STORED_SIDE * STORED_SIDE];
        int o = 0;
        for (int i = 0; i < dat.count(); i++) {
            int base = i * pairBytes;
            for (int y = 0; y < STORED_SIDE; y++) {
                int row = base + 2 * y * SIDE;
                for (int x = 0; x < STORED_SIDE; x++) {
                    int p = row + 2 * x;
                    int sum = (src.get(p) & 0xFF) + (src.get(p + 1) & 0xFF)
                            + (src.get(p + SIDE) & 0xFF) + (src.get(p + SIDE + 1) & 0xFF);
                    out[o++] = (byte) ((sum + 2) / 4);
                }
            }
        }
        return out;
    }
}
