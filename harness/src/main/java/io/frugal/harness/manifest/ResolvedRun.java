package io.frugal.harness.manifest;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One point of the grid with its resolved, checked run config. Runs of the same {@code group}
 * (one experiment × dataset × matrix point) differ only in their seed and, once needs are resolved,
 * in their inputs: what a kind plans from a config is the same for all of them.
 */
public record ResolvedRun(String experiment, String dataset, long seed, ObjectNode matrix, ObjectNode config, int group) {}
