package io.frugal.reproducibility.claims;

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
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML (or JSON, which is YAML) document as a tree plus the line and column of every value, so
 * that a problem in a claims file can be reported as FILE:LINE:COL. Duplicate keys, aliases and
 * several documents are problems: a claims file is data that must say one thing.
 */
final class LocatedYaml {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final YAMLFactory YAML = new YAMLFactory();

    final JsonNode root;
    private final Map<String, int[]> locations;

    private LocatedYaml(JsonNode root, Map<String, int[]> locations) {
        this.root = root;
        this.locations = locations;
    }

    /** "FILE:LINE:COL" of the value at a JSON pointer, or of its nearest located parent. */
    String where(String source, String pointer) {
        String p = pointer;
        while (true) {
            int[] at = locations.get(p);
            if (at != null) return source + ":" + at[0] + ":" + at[1];
            if (p.isEmpty()) return source + ":1:1";
            p = p.substring(0, p.lastIndexOf('/'));
        }
    }

    /** The tree, or null with a problem added when the text is not one readable document. */
    static LocatedYaml parse(String text, String source, List<String> problems) {
        Map<String, int[]> locations = new HashMap<>();
        try (JsonParser p = YAML.createParser(text)) {
            if (p.nextToken() == null) {
                problems.add(source + ":1:1: is empty");
                return null;
            }
            Builder b = new Builder(p, source, locations, problems);
            JsonNode root = b.value("");
            if (p.nextToken() != null) problems.add(b.here() + ": has more than one document; write a single one");
            return new LocatedYaml(root, locations);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String line = at == null ? "1:1" : Math.max(1, at.getLineNr()) + ":" + Math.max(1, at.getColumnNr());
            String m = e.getOriginalMessage();
            problems.add(source + ":" + line + ": syntax error: " + (m.contains("\n") ? m.substring(0, m.indexOf('\n')) : m).trim());
            return null;
        } catch (IOException e) {
            problems.add(source + ": cannot read: " + e.getMessage());
            return null;
        }
    }

    private record Builder(JsonParser parser, String source, Map<String, int[]> locations, List<String> problems) {
        String here() {
            JsonLocation at = parser.currentTokenLocation();
            return source + ":" + Math.max(1, at.getLineNr()) + ":" + Math.max(1, at.getColumnNr());
        }

        void mark(String pointer) {
            JsonLocation at = parser.currentTokenLocation();
            locations.putIfAbsent(pointer, new int[] {Math.max(1, at.getLineNr()), Math.max(1, at.getColumnNr())});
        }

        JsonNode value(String pointer) throws IOException {
            mark(pointer);
            if (parser instanceof YAMLParser y && y.isCurrentAlias()) {
                problems.add(here() + ": " + pointer + ": YAML aliases are not supported; write the value out");
                return NODES.nullNode();
            }
            JsonToken t = parser.currentToken();
            switch (t) {
                case START_OBJECT: {
                    ObjectNode o = NODES.objectNode();
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String key = parser.currentName();
                        String child = pointer + "/" + key.replace("~", "~0").replace("/", "~1");
                        String keyAt = here();
                        mark(child);
                        parser.nextToken();
                        JsonNode v = value(child);
                        if (o.has(key)) problems.add(keyAt + ": " + child + ": duplicate key '" + key + "'");
                        else o.set(key, v);
                    }
                    return o;
                }
                case START_ARRAY: {
                    ArrayNode a = NODES.arrayNode();
                    while (parser.nextToken() != JsonToken.END_ARRAY) a.add(value(pointer + "/" + a.size()));
                    return a;
                }
                case VALUE_STRING: return NODES.textNode(parser.getText());
                case VALUE_NUMBER_INT: return NODES.numberNode(parser.getLongValue());
                case VALUE_NUMBER_FLOAT: return NODES.numberNode(parser.getDoubleValue());
                case VALUE_TRUE: return NODES.booleanNode(true);
                case VALUE_FALSE: return NODES.booleanNode(false);
                default: return NODES.nullNode();
            }
        }
    }
}
