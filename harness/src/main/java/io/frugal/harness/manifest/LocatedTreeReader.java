package io.frugal.harness.manifest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.frugal.core.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Builds a {@link JsonNode} tree from Jackson's token stream while recording where every value was
 * written, which Jackson's own tree reader forgets. It is also stricter than that reader: duplicate
 * keys, YAML aliases, several documents in one file and non-finite numbers are problems, and syntax
 * errors come out as problems with their line and column instead of exceptions.
 */
public final class LocatedTreeReader {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonFactory JSON = new JsonFactory();
    private static final YAMLFactory YAML = new YAMLFactory();

    private final String source;
    private final BiFunction<Integer, Integer, SourceLocation> place;
    private final List<ManifestProblem> problems;
    private final Map<String, SourceLocation> locations = new HashMap<>();
    private JsonParser parser;

    private LocatedTreeReader(String source, BiFunction<Integer, Integer, SourceLocation> place, List<ManifestProblem> problems) {
        this.source = source;
        this.place = place;
        this.problems = problems;
    }

    /** The factory for a manifest file name: .json, .yaml or .yml. */
    public static JsonFactory factoryFor(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".json")) return JSON;
        if (lower.endsWith(".yaml") || lower.endsWith(".yml")) return YAML;
        throw new BadInputException("manifest " + fileName + ": unknown format; the name must end in .json, .yaml or .yml");
    }

    /**
     * Parses a whole file's text. Returns null if it cannot be read as a tree at all (a syntax
     * error); problems found on the way, fatal or not, are added to {@code problems}.
     */
    public static LocatedDocument parse(byte[] content, String source, JsonFactory format, List<ManifestProblem> problems) {
        LocatedTreeReader r = new LocatedTreeReader(source, (line, col) -> new SourceLocation(source, line, col), problems);
        return r.read(format, new String(content, StandardCharsets.UTF_8));
    }

    /**
     * Parses one YAML flow value written inside a command-line argument: {@code column} is where
     * the value starts in that argument, so problems point into it.
     */
    public static LocatedDocument parseValue(String text, SourceLocation start, List<ManifestProblem> problems) {
        LocatedTreeReader r = new LocatedTreeReader(start.source(),
                (line, col) -> new SourceLocation(start.source(), start.line(), start.column() + col - 1), problems);
        return r.read(YAML, text);
    }

    private LocatedDocument read(JsonFactory format, String text) {
        try (JsonParser p = format.createParser(text)) {
            parser = p;
            JsonToken first = p.nextToken();
            if (first == null) {
                problems.add(new ManifestProblem(place.apply(1, 1), "", "is empty"));
                return null;
            }
            JsonNode root = value("", true);
            if (p.nextToken() != null) {
                problems.add(new ManifestProblem(here(), "", "has more than one document; write a single one"));
            }
            return new LocatedDocument(source, root, locations);
        } catch (JsonProcessingException e) {
            problems.add(new ManifestProblem(syntaxErrorPlace(e), "", "syntax error: " + syntaxMessage(e)));
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The current token's value; {@code record} is false for object members, whose key was recorded. */
    private JsonNode value(String pointer, boolean record) throws IOException {
        if (record) locations.put(pointer, here());
        JsonToken t = parser.currentToken();
        if (parser instanceof YAMLParser y && y.isCurrentAlias()) {
            problems.add(new ManifestProblem(here(), pointer, "YAML aliases (*" + parser.getText() + ") are not supported; write the value out"));
            return NODES.nullNode();
        }
        return switch (t) {
            case START_OBJECT -> object(pointer);
            case START_ARRAY -> array(pointer);
            case VALUE_STRING -> NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT -> NODES.numberNode(parser.getIntValue());
                case LONG -> NODES.numberNode(parser.getLongValue());
                default -> NODES.numberNode(parser.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> floating(pointer);
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> {
                problems.add(new ManifestProblem(here(), pointer, "unexpected " + t));
                yield NODES.nullNode();
            }
        };
    }

    private JsonNode floating(String pointer) throws IOException {
        double d = parser.getDoubleValue();
        if (!Double.isFinite(d)) {
            problems.add(new ManifestProblem(here(), pointer, "must be a finite number, got " + parser.getText()));
            return NODES.nullNode();
        }
        return NODES.numberNode(d);
    }

    private ObjectNode object(String pointer) throws IOException {
        ObjectNode out = NODES.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            String child = JsonPointers.child(pointer, key);
            SourceLocation keyAt = here();
            parser.nextToken();
            if (out.has(key)) {
                SourceLocation first = locations.get(child);
                problems.add(new ManifestProblem(keyAt, child, "duplicate key '" + key + "'"
                        + (first == null ? "" : " (first at line " + first.line() + ")")));
                new LocatedTreeReader(source, place, problems).skip(parser);
                continue;
            }
            locations.put(child, keyAt);
            out.set(key, value(child, false));
        }
        return out;
    }

    private ArrayNode array(String pointer) throws IOException {
        ArrayNode out = NODES.arrayNode();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            out.add(value(JsonPointers.child(pointer, out.size()), true));
        }
        return out;
    }

    /** Reads (and checks) a duplicate key's value without letting it touch the document's locations. */
    private void skip(JsonParser p) throws IOException {
        parser = p;
        value("", false);
    }

    private SourceLocation here() {
        JsonLocation at = parser.currentTokenLocation();
        return place.apply(Math.max(1, at.getLineNr()), Math.max(1, at.getColumnNr()));
    }

    /** SnakeYAML's own mark is where the problem is; Jackson's location is where its parser had got to. */
    private SourceLocation syntaxErrorPlace(JsonProcessingException e) {
        if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException y && y.getProblemMark() != null) {
            return place.apply(y.getProblemMark().getLine() + 1, y.getProblemMark().getColumn() + 1);
        }
        JsonLocation at = e.getLocation();
        return at == null ? place.apply(1, 1) : place.apply(Math.max(1, at.getLineNr()), Math.max(1, at.getColumnNr()));
    }

    /** Jackson's message without its location and without SnakeYAML's multi-line snippet. */
    private static String syntaxMessage(JsonProcessingException e) {
        Throwable cause = e.getCause();
        if (cause instanceof org.yaml.snakeyaml.error.MarkedYAMLException y) {
            String context = y.getContext() == null ? "" : " (" + y.getContext().trim() + ")";
            return y.getProblem().trim() + context;
        }
        String m = e.getOriginalMessage();
        int snippet = m.indexOf("\n");
        return (snippet < 0 ? m : m.substring(0, snippet)).trim();
    }
}
