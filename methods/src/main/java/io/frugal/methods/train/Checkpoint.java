package io.frugal.methods.train;

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
 * One checkpoint file: everything a run needs to continue as if it had never stopped.
 *
 * <p>Format (version 1): the 8 bytes {@code FRUGALCK}; int32 version; int32 length and UTF-8 JSON
 * header {@code {"config_sha256", "progress": {...}, "tensors": [{"name", "shape"}...]}}; the
 * tensors' float32 values in header order, little-endian; a CRC32 (int64) of all preceding bytes.
 * Tensor names: {@code param/NAME} (every network parameter, batch-norm running statistics
 * included), {@code adam.m/NAME}, {@code adam.v/NAME}, {@code ema/NAME} (trainable ones).
 * Written through {@link AtomicFiles}, so the previous checkpoint stays intact until the new one
 * is complete.
 */
record Checkpoint(String configSha256, TrainProgress progress, Map<String, Tensor> tensors) {
    private static final byte[] MAGIC = "FRUGALCK".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    private static final int CHUNK_FLOATS = 64 * 1024;

    void write(Path file) {
        write(file, configSha256, progress, tensors);
    }

    /**
     * Writes a checkpoint whose tensor values are read straight from where they live (Java arrays
     * or a native tensor's memory, see {@link TensorValues}). Values pass through one reused
     * buffer of {@link #CHUNK_FLOATS} floats, so writing allocates no copy of any tensor: a
     * trainer writes one checkpoint per epoch, and per-epoch copies of every array made G1 grow
     * the Java heap by about 50 MB an epoch (BENCHMARKS.md, "Trainer memory").
     */
    static void write(Path file, String configSha256, TrainProgress progress, Map<String, ? extends TensorValues> tensors) {
        AtomicFiles.write(file, temp -> {
            CRC32 crc = new CRC32();
            try (OutputStream raw = Files.newOutputStream(temp);
                 CheckedOutputStream checked = new CheckedOutputStream(new BufferedOutputStream(raw, 1 << 20), crc);
                 DataOutputStream out = new DataOutputStream(checked)) {
                out.write(MAGIC);
                out.writeInt(VERSION);
                byte[] header = Json.compact(header(configSha256, progress, tensors)).getBytes(StandardCharsets.UTF_8);
                out.writeInt(header.length);
                out.write(header);
                ByteBuffer chunk = ByteBuffer.allocate(CHUNK_FLOATS * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
                for (TensorValues t : tensors.values()) writeLittleEndian(t.floats(), chunk, out);
                out.flush();
                out.writeLong(crc.getValue());
            }
        });
    }

    private static ObjectNode header(String configSha256, TrainProgress progress, Map<String, ? extends TensorValues> tensors) {
        ObjectNode h = Json.object();
        h.put("config_sha256", configSha256);
        h.set("progress", progress.toJson());
        ArrayNode list = h.putArray("tensors");
        tensors.forEach((name, t) -> {
            ObjectNode e = list.addObject();
            e.put("name", name);
            ArrayNode shape = e.putArray("shape");
            for (long d : t.shape()) shape.add(d);
        });
        return h;
    }

    /** Reads and verifies a checkpoint; a damaged or foreign file is bad input naming the file. */
    static Checkpoint read(Path file) {
        CRC32 crc = new CRC32();
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new CheckedInputStream(new BufferedInputStream(raw, 1 << 20), crc))) {
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) throw damaged(file, "not a frugal checkpoint");
            int version = in.readInt();
            if (version != VERSION) throw damaged(file, "checkpoint version " + version + ", this build reads " + VERSION);
            int headerLength = in.readInt();
            if (headerLength < 2 || headerLength > (64 << 20)) throw damaged(file, "header length " + headerLength);
            byte[] headerBytes = new byte[headerLength];
            in.readFully(headerBytes);
            JsonNode header = Json.parse(new String(headerBytes, StandardCharsets.UTF_8));
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            if (!header.path("tensors").isArray()) throw damaged(file, "header has no tensor list");
            long remaining = Files.size(file);
            for (JsonNode e : header.path("tensors")) {
                JsonNode dims = e.path("shape");
                if (!dims.isArray() || !e.path("name").isTextual()) throw damaged(file, "a tensor entry without a name and shape: " + e);
                long[] shape = new long[dims.size()];
                long size = 1;
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = dims.get(i).asLong(-1);
                    // a negative or overflowing shape is damage, not a tensor
                    if (!dims.get(i).canConvertToLong() || shape[i] < 0 || (shape[i] > 0 && size > Integer.MAX_VALUE / shape[i])) {
                        throw damaged(file, "tensor " + e.path("name").asText() + " has an impossible shape " + dims);
                    }
                    size *= shape[i];
                }
                // a sane shape whose values the rest of the file cannot hold: the file was cut short
                if (size * Float.BYTES > remaining) {
                    throw damaged(file, "truncated: tensor " + e.path("name").asText() + " " + dims + " needs " + size * Float.BYTES
                            + " bytes, " + Math.max(0, remaining) + " are left in the file");
                }
                remaining -= size * Float.BYTES;
                byte[] bytes = new byte[Math.toIntExact(size * Float.BYTES)];
                in.readFully(bytes);
                float[] values = new float[(int) size];
                ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
                tensors.put(e.path("name").asText(), new Tensor(shape, values));
            }
            long expected = crc.getValue();
            long stored = in.readLong();
            if (stored != expected) throw damaged(file, "checksum mismatch");
            if (in.read() != -1) throw damaged(file, "trailing bytes");
            return new Checkpoint(header.path("config_sha256").asText(), TrainProgress.fromJson(header.path("progress")), tensors);
        } catch (EOFException e) {
            throw damaged(file, "truncated");
        } catch (IOException | UncheckedIOException e) {
            throw damaged(file, e.getMessage());
        }
    }

    /** The tensor of a name; a checkpoint that lacks it or has another shape belongs to another network. */
    Tensor tensor(String name, long[] shape) {
        Tensor t = tensors.get(name);
        if (t == null || !Arrays.equals(t.shape(), shape)) {
            throw new BadInputException("checkpoint does not match this run's network: " + name + " is "
                    + (t == null ? "missing" : Arrays.toString(t.shape())) + ", expected " + Arrays.toString(shape)
                    + "; delete the checkpoint to restart the run");
        }
        return t;
    }

    private static BadInputException damaged(Path file, String why) {
        return new BadInputException(file + ": unusable checkpoint (" + why + "); delete it to restart the run from scratch");
    }

    /** Copies {@code values} (any byte order) to {@code out} as little-endian floats, a chunk at a time. */
    private static void writeLittleEndian(FloatBuffer values, ByteBuffer chunk, OutputStream out) throws IOException {
        FloatBuffer chunkFloats = chunk.asFloatBuffer();
        for (int from = values.position(); from < values.limit(); ) {
            int n = Math.min(values.limit() - from, chunkFloats.capacity());
            chunkFloats.clear();
            chunkFloats.put(values.slice(from, n));
            out.write(chunk.array(), 0, n * Float.BYTES);
            from += n;
        }
    }
}
