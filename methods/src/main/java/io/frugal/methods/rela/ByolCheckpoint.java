package io.frugal.methods.rela;

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
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
 * A byol run's checkpoint: the 8 bytes {@code FRUGALBY}; int32 version 1; int32 length and UTF-8 JSON
 * header {@code {"config_sha256", "state": {...}, "tensors": [{"name", "size"}...]}}; each tensor's
 * float32 values, little-endian, in header order; a CRC32 (int64) of all preceding bytes. Tensors:
 * {@code online/NAME}, {@code target/NAME} (every parameter, batch-norm statistics included),
 * {@code map/NAME}, {@code adamw.m/i}, {@code adamw.v/i}. Written through {@link AtomicFiles}.
 */
record ByolCheckpoint(String configSha256, JsonNode state, Map<String, float[]> tensors) {
    private static final byte[] MAGIC = "FRUGALBY".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;

    void write(Path file) {
        AtomicFiles.write(file, temp -> {
            CRC32 crc = new CRC32();
            try (OutputStream raw = Files.newOutputStream(temp);
                 CheckedOutputStream checked = new CheckedOutputStream(new BufferedOutputStream(raw, 1 << 20), crc);
                 DataOutputStream out = new DataOutputStream(checked)) {
                out.write(MAGIC);
                out.writeInt(VERSION);
                ObjectNode h = Json.object();
                h.put("config_sha256", configSha256);
                h.set("state", state);
                ArrayNode list = h.putArray("tensors");
                tensors.forEach((name, v) -> list.addObject().put("name", name).put("size", v.length));
                byte[] header = Json.compact(h).getBytes(StandardCharsets.UTF_8);
                out.writeInt(header.length);
                out.write(header);
                for (float[] v : tensors.values()) {
                    ByteBuffer b = ByteBuffer.allocate(v.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
                    b.asFloatBuffer().put(v);
                    out.write(b.array());
                }
                out.flush();
                out.writeLong(crc.getValue());
            }
        });
    }

    static ByolCheckpoint read(Path file) {
        CRC32 crc = new CRC32();
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new CheckedInputStream(new BufferedInputStream(raw, 1 << 20), crc))) {
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) throw damaged(file, "not a frugal byol checkpoint");
            int version = in.readInt();
            if (version != VERSION) throw damaged(file, "version " + version + ", this build reads " + VERSION);
            int length = in.readInt();
            if (length < 2 || length > (64 << 20)) throw damaged(file, "header length " + length);
            byte[] header = new byte[length];
            in.readFully(header);
            JsonNode h = Json.parse(new String(header, StandardCharsets.UTF_8));
            Map<String, float[]> tensors = new LinkedHashMap<>();
            for (JsonNode e : h.path("tensors")) {
                int size = e.path("size").asInt();
                byte[] bytes = new byte[Math.multiplyExact(size, Float.BYTES)];
                in.readFully(bytes);
                float[] v = new float[size];
                ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
                tensors.put(e.path("name").asText(), v);
            }
            long expected = crc.getValue();
            if (in.readLong() != expected) throw damaged(file, "checksum mismatch");
            if (in.read() != -1) throw damaged(file, "trailing bytes");
            return new ByolCheckpoint(h.path("config_sha256").asText(), h.path("state"), tensors);
        } catch (EOFException e) {
            throw damaged(file, "truncated");
        } catch (IOException | RuntimeException e) {
            if (e instanceof BadInputException b) throw b;
            throw damaged(file, e.getMessage());
        }
    }

    float[] tensor(String name, long size) {
        float[] v = tensors.get(name);
        if (v == null || v.length != size) {
            throw new BadInputException("checkpoint does not match this run's networks: " + name + " is "
                    + (v == null ? "missing" : v.length + " values") + ", expected " + size + "; delete the checkpoint to restart the run");
        }
        return v;
    }

    private static BadInputException damaged(Path file, String why) {
        return new BadInputException(file + ": unusable checkpoint (" + why + "); delete it to restart the run from scratch");
    }
}
