package io.frugal.harness.manifest;

import java.util.List;

/**
 * A valid manifest expanded for one profile and set of overrides: the runs in plan order
 * (experiment, dataset, matrix point, seed) and the lists that produced them.
 *
 * @param sha256   hex SHA-256 of the manifest file's bytes
 * @param baseline the experiment ratios and accuracy changes are compared against, or null if
 *                 the manifest names none and no single experiment has a {@code full} schedule
 */
public record ResolvedManifest(Manifest manifest, String sha256, String profile, List<String> overrides,
                               String baseline, List<String> datasets, List<Long> seeds, List<ResolvedRun> runs) {}
