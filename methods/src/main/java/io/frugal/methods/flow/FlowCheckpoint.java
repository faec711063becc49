package io.frugal.methods.flow;

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
 * The full state of a flow run after {@code step} optimiser steps: parameters and Adam moments
 * (float32, exactly as trained, so a resumed run continues bit for bit), the step count, the wall
 * seconds spent so far and the settings' hash (a checkpoint of other settings is refused).
 *
 * <p>Format (version 1), the same layout as the classifier's checkpoints: 8 bytes
 * {@code FRUGALFL}; int32 version; int32 length and UTF-8 JSON header
 * {@code {"settings_sha256", "step", "seconds", "loss", "tensors": [{"name", "shape"}]}}; float32
 * little-endian values in header order; a CRC32 (int64) of all preceding bytes. Written through
 * {@link AtomicFiles}, so the previous checkpoint stays intact until the new one is complete.
 */
record FlowCheckpoint(String settingsSha256, long step, double seconds, double loss, Map<String, float[]> tensors, Map<String, long[]> shapes) {
    private static final byte[] MAGIC = "FRUGALFL".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;

    void write(Path file) {
        AtomicFiles.write(file, temp -> {
            CRC32 crc = new CRC32();
            try (OutputStream raw = Files.newOutputStream(temp);
                 DataOutputStream out = new DataOutputStream(new CheckedOutputStream(new BufferedOutputStream(raw, 1 << 20), crc))) {
                out.write(MAGIC);
                out.writeInt(VERSION);
                ObjectNode h = Json.object();
                h.put("settings_sha256", settingsSha256).put("step", step).put("seconds", seconds).put("loss", loss);
                ArrayNode list = h.putArray("tensors");
                tensors.forEach((name, v) -> {
                    ObjectNode e = list.addObject().put("name", name);
                    ArrayNode shape = e.putArray("shape");
                    for (long s : shapes.get(name)) shape.add(s);
                });
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

    static FlowCheckpoint read(Path file) {
        CRC32 crc = new CRC32();
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new CheckedInputStream(new BufferedInputStream(raw, 1 << 20), crc))) {
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) throw damaged(file, "not a frugal flow checkpoint");
            int version = in.readInt();
            if (version != VERSION) throw damaged(file, "version " + version + ", this build reads " + VERSION);
            int length = in.readInt();
            if (length < 2 || length > (16 << 20)) throw damaged(file, "header length " + length);
            byte[] headerBytes = new byte[length];
            in.readFully(headerBytes);
            JsonNode h = Json.parse(new String(headerBytes, StandardCharsets.UTF_8));
            Map<String, float[]> tensors = new LinkedHashMap<>();
            Map<String, long[]> shapes = new LinkedHashMap<>();
            for (JsonNode e : h.path("tensors")) {
                long[] shape = new long[e.path("shape").size()];
                long size = 1;
                for (int i = 0; i < shape.length; i++) size *= (shape[i] = e.path("shape").get(i).asLong());
                byte[] bytes = new byte[Math.toIntExact(size * Float.BYTES)];
                in.readFully(bytes);
                float[] v = new float[(int) size];
                ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
                tensors.put(e.path("name").asText(), v);
                shapes.put(e.path("name").asText(), shape);
            }
            long expected = crc.getValue();
            if (in.readLong() != expected) throw damaged(file, "checksum mismatch");
            if (in.read() != -1) throw damaged(file, "trailing bytes");
            return new FlowCheckpoint(h.path("settings_sha256").asText(), h.path("step").asLong(), h.path("seconds").asDouble(),
                    h.path("loss").asDouble(), tensors, shapes);
        } catch (EOFException e) {
            throw damaged(file, "truncated");
        } catch (IOException e) {
            throw damaged(file, e.getMessage());
        }
    }

    float[] tensor(String name, long[] shape) {
        float[] v = tensors.get(name);
        if (v == null || !Arrays.equals(shapes.get(name), shape)) {
            throw new BadInputException("checkpoint does not match this run: " + name + " is "
                    + (v == null ? "missing" : Arrays.toString(shapes.get(name))) + ", expected " + Arrays.toString(shape)
                    + "; delete the checkpoint to restart the run");
        }
        return v;
    }

    private static BadInputException damaged(Path file, String why) {
        return new BadInputException(file + ": unusable checkpoint (" + why + "); delete it to restart the run from scratch");
    }
}
