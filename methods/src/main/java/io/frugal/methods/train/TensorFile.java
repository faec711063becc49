package io.frugal.methods.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frugal.core.BadInputException;
import io.frugal.core.store.AtomicFiles;
import io.frugal.core.store.Json;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * Named float32 tensors with a JSON header of the writer's own, checksummed: a trained model in a
 * run's model/ folder, or the checkpoint of a trainer other than the classifier (whose checkpoint
 * format is its own, {@link Checkpoint}).
 *
 * <p>Format (version 1): the 8 bytes {@code FRUGALTF}; int32 version; int32 length and UTF-8 JSON
 * header {@code {"meta": {...}, "tensors": [{"name", "shape"}...]}}; the values in header order,
 * little-endian float32; a CRC32 (int64) of all preceding bytes. Written atomically.
 */
public final class TensorFile {
    private static final byte[] MAGIC = "FRUGALTF".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;

    /** One stored tensor. */
    public record Entry(long[] shape, float[] values) {
        public NDArray toArray(NDManager manager) {
            return manager.create(values, new Shape(shape));
        }
    }

    /** What a file holds: the writer's header and the tensors by name, in file order. */
    public record Contents(JsonNode meta, Map<String, Entry> tensors) {
        /** The tensor of that name and shape; anything else means the file belongs to another network. */
        public Entry tensor(Path file, String name, long[] shape) {
            Entry e = tensors.get(name);
            if (e == null || !Arrays.equals(e.shape(), shape)) {
                throw new BadInputException(file + " does not match the network: " + name + " is "
                        + (e == null ? "missing" : Arrays.toString(e.shape())) + ", expected " + Arrays.toString(shape));
            }
            return e;
        }
    }

    private TensorFile() {}

    /** Writes the arrays (read straight from native memory, no Java copy) with {@code meta} as header. */
    public static void write(Path file, JsonNode meta, Map<String, NDArray> arrays) {
        Map<String, TensorValues> values = new LinkedHashMap<>();
        arrays.forEach((name, a) -> values.put(name, TensorValues.of(a)));
        writeValues(file, meta, values);
    }

    static void writeValues(Path file, JsonNode meta, Map<String, ? extends TensorValues> tensors) {
        AtomicFiles.write(file, temp -> {
            CRC32 crc = new CRC32();
            try (OutputStream raw = Files.newOutputStream(temp);
                 CheckedOutputStream checked = new CheckedOutputStream(new BufferedOutputStream(raw, 1 << 20), crc);
                 DataOutputStream out = new DataOutputStream(checked)) {
                out.write(MAGIC);
                out.writeInt(VERSION);
                ObjectNode h = Json.object();
                h.set("meta", meta);
                ArrayNode list = h.putArray("tensors");
                tensors.forEach((name, t) -> {
                    ObjectNode e = list.addObject();
                    e.put("name", name);
                    ArrayNode shape = e.putArray("shape");
                    for (long d : t.shape()) shape.add(d);
                });
                byte[] header = Json.compact(h).getBytes(StandardCharsets.UTF_8);
                out.writeInt(header.length);
                out.write(header);
                ByteBuffer chunk = ByteBuffer.allocate(64 * 1024 * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
                FloatBuffer chunkFloats = chunk.asFloatBuffer();
                for (TensorValues t : tensors.values()) {
                    FloatBuffer v = t.floats();
                    for (int from = v.position(); from < v.limit(); ) {
                        int n = Math.min(v.limit() - from, chunkFloats.capacity());
                        chunkFloats.clear();
                        chunkFloats.put(v.slice(from, n));
                        out.write(chunk.array(), 0, n * Float.BYTES);
                        from += n;
                    }
                }
                out.flush();
                out.writeLong(crc.getValue());
            }
        });
    }

    /** Reads and verifies a file; a damaged or foreign one is bad input naming it. */
    public static Contents read(Path file) {
        CRC32 crc = new CRC32();
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new CheckedInputStream(new BufferedInputStream(raw, 1 << 20), crc))) {
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) throw damaged(file, "not a frugal tensor file");
            int version = in.readInt();
            if (version != VERSION) throw damaged(file, "version " + version + ", this build reads " + VERSION);
            int headerLength = in.readInt();
            if (headerLength < 2 || headerLength > (64 << 20)) throw damaged(file, "header length " + headerLength);
            byte[] headerBytes = new byte[headerLength];
            in.readFully(headerBytes);
            JsonNode header = Json.parse(new String(headerBytes, StandardCharsets.UTF_8));
            Map<String, Entry> tensors = new LinkedHashMap<>();
            for (JsonNode e : header.path("tensors")) {
                long[] shape = new long[e.path("shape").size()];
                long size = 1;
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = e.path("shape").get(i).asLong();
                    size *= shape[i];
                }
                byte[] bytes = new byte[Math.toIntExact(size * Float.BYTES)];
                in.readFully(bytes);
                float[] values = new float[(int) size];
                ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
                tensors.put(e.path("name").asText(), new Entry(shape, values));
            }
            long expected = crc.getValue();
            if (in.readLong() != expected) throw damaged(file, "checksum mismatch");
            if (in.read() != -1) throw damaged(file, "trailing bytes");
            return new Contents(header.path("meta"), tensors);
        } catch (EOFException e) {
            throw damaged(file, "truncated");
        } catch (IOException | UncheckedIOException e) {
            throw damaged(file, e.getMessage());
        }
    }

    private static BadInputException damaged(Path file, String why) {
        return new BadInputException(file + ": unusable (" + why + ")");
    }
}
