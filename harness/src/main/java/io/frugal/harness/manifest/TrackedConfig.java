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
    /** Null in a config that will not be checked (another run of its group is): nothing to locate. */
    private final Map<String, Origin> origins;

    /** {@code whole} is reported for problems that no written value explains, e.g. a missing key. */
    TrackedConfig(Origin whole) {
        origins = new HashMap<>();
        origins.put("", whole);
    }

    private TrackedConfig(TrackedConfig template, boolean tracked) {
        root.setAll(template.root);
        origins = tracked ? new HashMap<>(template.origins) : null;
    }

    /**
     * A config that starts as this one (the layers every run of an experiment shares, merged once)
     * and shares its values: merging into it copies each object it changes instead of changing the
     * shared one, so a million runs hold one copy of what they have in common.
     */
    TrackedConfig derive(boolean tracked) {
        return new TrackedConfig(this, tracked);
    }

    void put(String key, JsonNode value, Origin origin) {
        root.set(key, value);
        if (origins != null) origins.put(JsonPointers.child("", key), origin);
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
            if (origins != null) origins.put(child, layer.origins().apply(child));
            if (e.getValue().isObject() && existing != null && existing.isObject()) {
                // copied before it changes: the object may be shared with the other runs of a template
                ObjectNode own = Json.object();
                own.setAll((ObjectNode) existing);
                target.set(e.getKey(), own);
                merge(own, e.getValue(), child, layer);
            } else {
                target.set(e.getKey(), e.getValue().deepCopy());
                if (origins != null) {
                    origins.keySet().removeIf(p -> p.startsWith(child + "/"));
                    record(e.getValue(), child, layer);
                }
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
        if (origins == null) throw new IllegalStateException("a config derived untracked is not checked");
        for (String p = problem.pointer(); p != null; p = JsonPointers.parent(p)) {
            Origin origin = origins.get(p);
            if (origin != null) return origin.problem(problem.pointer().substring(p.length()), problem.message());
        }
        throw new IllegalStateException("the root always has an origin");
    }
}
