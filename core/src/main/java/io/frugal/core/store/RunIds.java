package io.frugal.core.store;

import com.fasterxml.jackson.databind.JsonNode;
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
        return Json.sha256(Json.canonical(config, CommonConfig.NOT_HASHED)).substring(0, LENGTH);
    }

    /**
     * The same id, reusing the canonical text of top-level values already seen by identity: the
     * configs of a plan share the objects their experiment gives them (model, schedule, ...), and
     * a planner hashing a million of them writes each shared object out once. The values must
     * not change while the cache is used; one cache per thread.
     */
    public static String of(JsonNode config, java.util.Map<JsonNode, String> sharedValues) {
        return Json.sha256(Json.canonical(config, CommonConfig.NOT_HASHED, sharedValues)).substring(0, LENGTH);
    }
}
