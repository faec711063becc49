package io.frugal.harness.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frugal.core.store.Json;
import java.util.function.Function;

/**
 * One partial run config in the merge defaults ⊕ experiment ⊕ profile ⊕ --set ⊕ matrix, with the
 * origin of each of its values: {@code origins} maps a pointer of the tree (the same as in the
 * resolved config) to where that value was written.
 */
record Layer(ObjectNode tree, Function<String, Origin> origins) {
    /** A part of the manifest file at {@code base} whose keys are those of a run config. */
    static Layer ofDocument(LocatedDocument doc, String base, ObjectNode tree) {
        return new Layer(tree, pointer -> doc.origin(base + pointer));
    }

    /** A value written in one place, e.g. one matrix axis value set at its config path. */
    static Layer ofPath(String dottedPath, JsonNode value, Origin origin) {
        return new Layer(treeAt(dottedPath, value), pointer -> origin);
    }

    /** {@code model.width} and 0.5 make {@code {model: {width: 0.5}}}. */
    static ObjectNode treeAt(String dottedPath, JsonNode value) {
        ObjectNode root = Json.object();
        ObjectNode at = root;
        String[] parts = dottedPath.split("\\.");
        for (int i = 0; i < parts.length - 1; i++) at = at.putObject(parts[i]);
        at.set(parts[parts.length - 1], value.deepCopy());
        return root;
    }

    /** Whether this layer writes a value at {@code pointer} (or inside it). */
    boolean sets(String pointer) {
        return !tree.at(pointer).isMissingNode();
    }
}
