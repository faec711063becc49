package io.frugal.core.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

/** The one JSON mapper of the project, plus the canonical form that run ids are hashed from. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    private static final ObjectMapper PRETTY = MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT);
    /** As PRETTY, for one tree after another into one generator: flushing after each would be a system call per run. */
    private static final ObjectMapper STREAMING = PRETTY.copy().disable(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);

    private Json() {}

    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    public static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    public static String pretty(Object value) {
        try {
            return PRETTY.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A generator that writes as {@link #pretty} does (the same indentation), for files too large to build as one tree. */
    public static com.fasterxml.jackson.core.JsonGenerator prettyGenerator(java.io.OutputStream out) throws IOException {
        return PRETTY.writer().createGenerator(out, com.fasterxml.jackson.core.JsonEncoding.UTF8);
    }

    /** As {@link #prettyGenerator(java.io.OutputStream)}, into characters. */
    public static com.fasterxml.jackson.core.JsonGenerator prettyGenerator(java.io.Writer out) throws IOException {
        return PRETTY.writer().createGenerator(out);
    }

    /** Writes {@code node} into a {@link #prettyGenerator}, indented where the generator stands. */
    public static void writeTree(com.fasterxml.jackson.core.JsonGenerator g, JsonNode node) throws IOException {
        STREAMING.writeTree(g, node);
    }

    public static String compact(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode read(Path file) {
        try {
            return MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void writeAtomically(Path file, Object value) {
        AtomicFiles.writeString(file, pretty(value));
    }

    /**
     * Canonical text of a JSON tree: object keys sorted, numbers written as plain decimals with no
     * trailing zeros (so 1, 1.0 and 1e0 are the same number), no white space. Independent of the
     * JDK and of how the source file spelled its numbers, which keeps run ids stable.
     */
    public static String canonical(JsonNode node) {
        return canonical(node, java.util.Set.of());
    }

    /** The canonical text of {@code node} without its top-level keys in {@code leftOut} (what run ids leave out). */
    public static String canonical(JsonNode node, java.util.Set<String> leftOut) {
        StringBuilder out = new StringBuilder(512);
        appendCanonical(node, out, leftOut);
        return out.toString();
    }

    /** As {@link #canonical(JsonNode, java.util.Set)}, taking the text of top-level objects and lists from {@code known} (by identity) or adding it there. */
    public static String canonical(JsonNode node, java.util.Set<String> leftOut, java.util.Map<JsonNode, String> known) {
        if (!node.isObject()) return canonical(node, leftOut);
        List<String> names = sortedNames(node, leftOut);
        StringBuilder out = new StringBuilder(512);
        out.append('{');
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) out.append(',');
            appendString(names.get(i), out);
            out.append(':');
            JsonNode value = node.get(names.get(i));
            if (!value.isContainerNode()) {
                appendCanonical(value, out, java.util.Set.of());
                continue;
            }
            // a run's own objects (its inputs, its matrix point) are never seen again: keep the cache small
            if (known.size() >= 4096) known.clear();
            out.append(known.computeIfAbsent(value, Json::canonical));
        }
        return out.append('}').toString();
    }

    /** Appends {@link #canonical(JsonNode)} of {@code node} to {@code out} (for many small values into one text). */
    public static void appendCanonical(JsonNode node, StringBuilder out) {
        appendCanonical(node, out, java.util.Set.of());
    }

    private static void appendCanonical(JsonNode node, StringBuilder out, java.util.Set<String> leftOut) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            out.append("null");
        } else if (node.isObject()) {
            List<String> names = sortedNames(node, leftOut);
            out.append('{');
            for (int i = 0; i < names.size(); i++) {
                if (i > 0) out.append(',');
                appendString(names.get(i), out);
                out.append(':');
                appendCanonical(node.get(names.get(i)), out, java.util.Set.of());
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) out.append(',');
                appendCanonical(node.get(i), out, java.util.Set.of());
            }
            out.append(']');
        } else if (node.isIntegralNumber() && node.canConvertToLong()) {
            out.append(node.longValue()); // what the decimal path below gives for an integer, without a BigDecimal
        } else if (node.isDouble() && appendPlainDouble(node.doubleValue(), out)) {
            // done: the text the decimal path below gives, without a BigDecimal
        } else if (node.isNumber()) {
            BigDecimal d = node.decimalValue().stripTrailingZeros();
            out.append(d.signum() == 0 ? "0" : d.toPlainString());
        } else if (node.isTextual()) {
            appendString(node.textValue(), out);
        } else {
            out.append(compact(node));
        }
    }

    /**
     * A double's canonical text when Java writes it without an exponent: {@code BigDecimal.valueOf}
     * parses {@link Double#toString}, so stripping that text's trailing zeros (and a bare point)
     * gives the same digits as stripTrailingZeros + toPlainString. False, with nothing appended,
     * for the rest (exponents, infinities, NaN), which take the decimal path.
     */
    private static boolean appendPlainDouble(double v, StringBuilder out) {
        if (v == 0) {
            out.append('0');
            return true;
        }
        if (!Double.isFinite(v)) return false;
        String text = Double.toString(v);
        if (text.indexOf('E') >= 0) return false;
        int end = text.length();
        while (text.charAt(end - 1) == '0') end--;
        if (text.charAt(end - 1) == '.') end--;
        out.append(text, 0, end);
        return true;
    }

    private static List<String> sortedNames(JsonNode node, java.util.Set<String> leftOut) {
        List<String> names = new ArrayList<>(node.size());
        Iterator<String> it = node.fieldNames();
        while (it.hasNext()) {
            String name = it.next();
            if (!leftOut.contains(name)) names.add(name);
        }
        Collections.sort(names);
        return names;
    }

    /** A JSON string as Jackson writes it; text with nothing to escape (nearly all) is copied without a generator. */
    private static void appendString(String s, StringBuilder out) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') {
                out.append(compact(s));
                return;
            }
        }
        out.append('"').append(s).append('"');
    }

    /** Hex SHA-256 of the canonical form. */
    public static String sha256(JsonNode node) {
        return sha256(canonical(node));
    }

    /** Hex SHA-256 of a canonical text. */
    public static String sha256(String canonical) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Jackson's message without its source dump, plus where in the file it stopped. */
    public static String describe(java.io.IOException e) {
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException j) {
            com.fasterxml.jackson.core.JsonLocation at = j.getLocation();
            // Jackson names the source as "[Source: REDACTED (...); line: 1, column: 1]": keep only the place.
            String message = j.getOriginalMessage().replaceAll("\\[Source: [^\\]]*?; line", "[line");
            return message + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
        }
        return String.valueOf(e.getMessage());
    }
}
