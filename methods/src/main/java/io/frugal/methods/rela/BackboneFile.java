package io.frugal.methods.rela;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frugal.core.BadInputException;
import io.frugal.core.store.AtomicFiles;
import io.frugal.core.store.Json;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A trained backbone as a done run leaves it in its {@code model/} folder, for runs that use it as a
 * prior: {@code backbone.params}, DJL's own parameter format ({@link ai.djl.nn.Block#saveParameters},
 * every parameter including batch-norm running statistics), and {@code backbone.json}
 * ({@code {"format": "frugal-backbone", "version": 1, "name", "width", "input_channels", "input_side",
 * "feature_dim", "params_sha256"}}), the architecture the parameters belong to.
 */
public final class BackboneFile {
    public static final String PARAMS = "backbone.params";
    public static final String SPEC = "backbone.json";

    /** A backbone read back, with the sha256 of its parameter file (the prior's content hash). */
    public record Loaded(Backbone backbone, BackboneSpec spec, String sha256) {}

    private BackboneFile() {}

    /** Writes params, then the spec naming their hash (each atomically), into {@code dir}. */
    public static void write(Path dir, Backbone backbone, BackboneSpec spec, int side) {
        byte[] bytes = paramBytes(backbone);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        AtomicFiles.writeBytes(dir.resolve(PARAMS), bytes);
        ObjectNode j = Json.object();
        j.put("format", "frugal-backbone");
        j.put("version", 1);
        j.put("name", spec.name());
        j.put("width", spec.width());
        j.put("input_channels", spec.inputChannels());
        j.put("input_side", side);
        j.put("feature_dim", backbone.featureDim());
        j.put("params_sha256", sha256(bytes));
        Json.writeAtomically(dir.resolve(SPEC), j);
    }

    /** DJL's serialisation of every parameter of {@code block}. */
    static byte[] paramBytes(ai.djl.nn.Block block) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            block.saveParameters(out);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    /** The backbone a done run left in {@code modelDir}, for input images of {@code channels} channels. */
    public static Loaded readRunModel(Path modelDir, int channels, int side, NDManager manager) {
        Path specFile = modelDir.resolve(SPEC);
        if (!Files.isRegularFile(specFile)) {
            throw new BadInputException(modelDir + ": the prior run left no " + SPEC + " (was it trained by a byol run of this version?)");
        }
        JsonNode j;
        try {
            j = Json.parse(Files.readString(specFile));
        } catch (IOException | RuntimeException e) {
            throw new BadInputException(specFile + ": unreadable prior description (" + e.getMessage() + ")");
        }
        if (!"frugal-backbone".equals(j.path("format").asText()) || j.path("version").asInt() != 1) {
            throw new BadInputException(specFile + ": not a frugal backbone description (format/version)");
        }
        int priorChannels = j.path("input_channels").asInt();
        int priorSide = j.path("input_side").asInt();
        // Global pooling makes the features independent of the image size (a CIFAR prior embeds 64x64
        // Tiny-ImageNet images as the paper's do); the channels must match.
        if (priorChannels != channels) {
            throw new BadInputException(specFile + ": the prior takes " + priorChannels + "-channel inputs (" + priorChannels + "x"
                    + priorSide + "x" + priorSide + "), this run's images have " + channels + " channels");
        }
        BackboneSpec spec;
        try {
            spec = new BackboneSpec(j.path("name").asText(), j.path("width").asDouble(), priorChannels);
        } catch (BadInputException e) {
            throw new BadInputException(specFile + ": " + e.getMessage());
        }
        Loaded loaded = readParams(modelDir.resolve(PARAMS), spec, side, manager);
        if (!loaded.sha256().equals(j.path("params_sha256").asText())) {
            throw new BadInputException(modelDir.resolve(PARAMS) + ": sha256 " + loaded.sha256() + " differs from the "
                    + j.path("params_sha256").asText() + " that " + SPEC + " records (damaged or replaced)");
        }
        return loaded;
    }

    /**
     * A DJL parameter file holding a backbone of architecture {@code spec}; its parameters' shapes must
     * be exactly the architecture's (a file for another network, another width or another number of
     * input channels is bad input naming the first parameter that differs).
     */
    public static Loaded readParams(Path file, BackboneSpec spec, int side, NDManager manager) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read the prior (" + e.getMessage() + ")");
        }
        Backbone b = spec.create(0);
        b.initialize(manager, DataType.FLOAT32, new Shape(2, spec.inputChannels(), side, side));
        List<Pair<String, Shape>> expected = new ArrayList<>();
        for (Pair<String, Parameter> p : b.getParameters()) expected.add(new Pair<>(p.getKey(), p.getValue().getArray().getShape()));
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(new ByteArrayInputStream(bytes)))) {
            b.loadParameters(manager, in);
            if (in.read() != -1) throw new BadInputException(file + ": trailing bytes after the parameters of a " + spec.name() + " backbone");
        } catch (MalformedModelException | IOException | RuntimeException e) {
            if (e instanceof BadInputException bad) throw bad;
            throw new BadInputException(file + ": not a DJL parameter file of a " + spec.name() + " (width " + spec.width() + ", "
                    + spec.inputChannels() + " input channels) backbone: " + describe(e));
        }
        int i = 0;
        for (Pair<String, Parameter> p : b.getParameters()) {
            Shape got = p.getValue().getArray().getShape();
            Shape want = expected.get(i++).getValue();
            if (!got.equals(want)) {
                String hint = i == 1 && got.dimension() == 4 && want.dimension() == 4 && got.get(1) != want.get(1)
                        ? " (the prior takes " + got.get(1) + "-channel inputs, this run's images have " + want.get(1) + ")" : "";
                throw new BadInputException(file + ": parameter " + p.getKey() + " has shape " + got + ", a " + spec.name()
                        + " backbone of width " + spec.width() + " needs " + want + hint);
            }
        }
        b.freezeParameters(true);
        return new Loaded(b, spec, sha256(bytes));
    }

    private static String describe(Exception e) {
        if (e instanceof java.io.EOFException) return "truncated";
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
