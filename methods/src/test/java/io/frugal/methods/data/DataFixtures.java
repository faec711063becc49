package io.frugal.methods.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Small dataset files in the real formats, with pixel values derived from (image, position) so tests can check them. */
final class DataFixtures {
    static final String NORB_TRAIN = "smallnorb-5x46789x9x18x6x2x96x96-training-";
    static final String NORB_TEST = "smallnorb-5x01235x9x18x6x2x96x96-testing-";

    private DataFixtures() {}

    static int pixel(int image, int position) {
        return (image * 31 + position * 7) & 0xFF;
    }

    static byte[] idxImages(int count, int side) {
        ByteBuffer b = ByteBuffer.allocate(16 + count * side * side);
        b.putInt(IdxFormat.IMAGES_MAGIC).putInt(count).putInt(side).putInt(side);
        for (int i = 0; i < count; i++) for (int p = 0; p < side * side; p++) b.put((byte) pixel(i, p));
        return b.array();
    }

    static byte[] idxLabels(int count, int classes) {
        ByteBuffer b = ByteBuffer.allocate(8 + count);
        b.putInt(IdxFormat.LABELS_MAGIC).putInt(count);
        for (int i = 0; i < count; i++) b.put((byte) (i % classes));
        return b.array();
    }

    static byte[] cifarBatch(int count, int firstImage) {
        byte[] b = new byte[count * CifarFormat.RECORD_BYTES];
        for (int r = 0; r < count; r++) {
            int at = r * CifarFormat.RECORD_BYTES;
            b[at] = (byte) ((firstImage + r) % 10);
            for (int p = 0; p < CifarFormat.IMAGE_BYTES; p++) b[at + 1 + p] = (byte) pixel(firstImage + r, p);
        }
        return b;
    }

    /** N stereo pairs of 96x96: the left image's pixel at (y, x) is pixel(i, y*96+x), the right image is all 255. */
    static byte[] norbDat(int count) {
        int side = NorbFormat.SIDE;
        ByteBuffer b = header(NorbFormat.BYTE_MATRIX, count * 2 * side * side, count, 2, side, side);
        for (int i = 0; i < count; i++) {
            for (int p = 0; p < side * side; p++) b.put((byte) pixel(i, p));
            for (int p = 0; p < side * side; p++) b.put((byte) 255);
        }
        return b.array();
    }

    static byte[] norbCat(int count) {
        // ndim 1, yet three dimensions stored: the format's quirk
        ByteBuffer b = header(NorbFormat.INT_MATRIX, count * 4, count);
        for (int i = 0; i < count; i++) b.putInt(i % NorbFormat.CLASSES);
        return b.array();
    }

    static byte[] norbInfo(int count) {
        ByteBuffer b = header(NorbFormat.INT_MATRIX, count * 16, count, 4);
        for (int i = 0; i < count * 4; i++) b.putInt(i % 9);
        return b.array();
    }

    private static ByteBuffer header(int magic, int payload, int... dims) {
        int stored = Math.max(3, dims.length);
        ByteBuffer b = ByteBuffer.allocate(8 + 4 * stored + payload).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(magic).putInt(dims.length);
        for (int d = 0; d < stored; d++) b.putInt(d < dims.length ? dims[d] : 1);
        return b;
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static Path write(Path file, byte[] data) {
        try {
            Files.createDirectories(file.getParent());
            return Files.write(file, data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An MNIST-layout folder with train/test images of side 28, gzipped or plain. */
    static Path mnistFolder(Path dir, int train, int test, boolean gz) {
        String ext = gz ? ".gz" : "";
        write(dir.resolve("train-images-idx3-ubyte" + ext), maybeGzip(idxImages(train, 28), gz));
        write(dir.resolve("train-labels-idx1-ubyte" + ext), maybeGzip(idxLabels(train, 10), gz));
        write(dir.resolve("t10k-images-idx3-ubyte" + ext), maybeGzip(idxImages(test, 28), gz));
        write(dir.resolve("t10k-labels-idx1-ubyte" + ext), maybeGzip(idxLabels(test, 10), gz));
        return dir;
    }

    static Path cifarFolder(Path dir, int perBatch) {
        for (int b = 1; b <= 5; b++) write(dir.resolve("data_batch_" + b + ".bin"), cifarBatch(perBatch, (b - 1) * perBatch));
        write(dir.resolve("test_batch.bin"), cifarBatch(perBatch, 1000));
        return dir;
    }

    static Path norbFolder(Path dir, int count, boolean gz) {
        String ext = gz ? ".gz" : "";
        for (String prefix : new String[] {NORB_TRAIN, NORB_TEST}) {
            write(dir.resolve(prefix + "dat.mat" + ext), maybeGzip(norbDat(count), gz));
            write(dir.resolve(prefix + "cat.mat" + ext), maybeGzip(norbCat(count), gz));
            write(dir.resolve(prefix + "info.mat" + ext), maybeGzip(norbInfo(count), gz));
        }
        return dir;
    }

    private static byte[] maybeGzip(byte[] data, boolean gz) {
        return gz ? gzip(data) : data;
    }

    static byte[] truncate(byte[] data, int length) {
        return java.util.Arrays.copyOf(data, length);
    }

    static DatasetInfo info(String name, int train, int test) {
        DatasetInfo real = Datasets.info(name);
        return new DatasetInfo(name, real.title(), train, test, real.classes(), real.inputChannels(), real.inputHeight(),
                real.inputWidth());
    }
}
