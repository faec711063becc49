package io.frugal.harness.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * A parsed JSON or YAML document together with where each of its values was written, keyed by
 * JSON pointer. For an object member the location is that of its key (the line a reader looks
 * for); for a list element, where the element starts.
 */
public record LocatedDocument(String source, JsonNode root, Map<String, SourceLocation> locations) {
    public LocatedDocument {
        locations = Map.copyOf(locations);
    }

    /** The location of {@code pointer}, or of its nearest written ancestor when it is absent. */
    public SourceLocation locate(String pointer) {
        for (String p = pointer; p != null; p = JsonPointers.parent(p)) {
            SourceLocation at = locations.get(p);
            if (at != null) return at;
        }
        return new SourceLocation(source, 1, 1);
    }

    /** An origin that names the written pointer itself, or its nearest written ancestor's place. */
    public Origin origin(String pointer) {
        return new Origin(locate(pointer), pointer);
    }

    public ManifestProblem problem(String pointer, String message) {
        return new ManifestProblem(locate(pointer), pointer, message);
    }
}
