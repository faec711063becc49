package io.frugal.harness.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frugal.core.config.ConfigProblem;
import io.frugal.core.store.Json;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * A run config being merged from layers, remembering for each value which layer (and which line of
 * it) it came from, so that a problem found in the resolved config is reported where the user
 * wrote the offending value. Objects merge key by key; lists and plain values replace.
 */
final class TrackedConfig {
    private final ObjectNode root = Json.object();
    private final Map<String, Origin> origins = new HashMap<>();

    /** {@code whole} is reported for problems that no written value explains, e.g. a missing key. */
    TrackedConfig(Origin whole) {
        origins.put("", whole);
    }

    void put(String key, JsonNode value, Origin origin) {
        root.set(key, value);
        origins.put(JsonPointers.child("", key), origin);
    }

    void apply(Layer layer) {
        merge(root, layer.tree(), "", layer);
    }

    private void merge(ObjectNode target, JsonNode source, String pointer, Layer layer) {
        Iterator<Map.Entry<String, JsonNode>> fields = source.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            String child = JsonPointers.child(pointer, e.getKey());
            JsonNode existing = target.get(e.getKey());
            // the object itself is blamed on the last layer that touched it, e.g. for a missing key in it
            origins.put(child, layer.origins().apply(child));
            if (e.getValue().isObject() && existing != null && existing.isObject()) {
                merge((ObjectNode) existing, e.getValue(), child, layer);
            } else {
                target.set(e.getKey(), e.getValue().deepCopy());
                origins.keySet().removeIf(p -> p.startsWith(child + "/"));
                record(e.getValue(), child, layer);
            }
        }
    }

    private void record(JsonNode value, String pointer, Layer layer) {
        origins.put(pointer, layer.origins().apply(pointer));
        if (value.isObject()) value.fields().forEachRemaining(e -> record(e.getValue(), JsonPointers.child(pointer, e.getKey()), layer));
        if (value.isArray()) for (int i = 0; i < value.size(); i++) record(value.get(i), JsonPointers.child(pointer, i), layer);
    }

    ObjectNode config() {
        return root;
    }

    /** The problem, moved to where the value at its pointer (or its nearest written ancestor) came from. */
    ManifestProblem locate(ConfigProblem problem) {
        for (String p = problem.pointer(); p != null; p = JsonPointers.parent(p)) {
            Origin origin = origins.get(p);
            if (origin != null) return origin.problem(problem.pointer().substring(p.length()), problem.message());
        }
        throw new IllegalStateException("the root always has an origin");
    }
}
