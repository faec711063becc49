package io.frugal.harness.manifest;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One point of the grid with its resolved, checked run config. */
public record ResolvedRun(String experiment, String dataset, long seed, ObjectNode matrix, ObjectNode config) {}
