package io.frugal.core.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frugal.core.kind.CommonConfig;

/**
 * Run ids: the first 12 hex digits of the SHA-256 of the canonical resolved config, leaving out
 * what only says where or how long a run is scheduled ({@link CommonConfig#NOT_HASHED}). Key order
 * and the spelling of numbers do not change an id; any parameter that changes what is computed does.
 */
public final class RunIds {
    public static final int LENGTH = 12;

    private RunIds() {}

    public static String of(JsonNode config) {
        ObjectNode hashed = config.deepCopy();
        hashed.remove(CommonConfig.NOT_HASHED);
        return Json.sha256(hashed).substring(0, LENGTH);
    }
}
