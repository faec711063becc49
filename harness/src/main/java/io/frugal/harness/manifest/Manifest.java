package io.frugal.harness.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * A manifest as written (docs/manifest.md), checked for shape but not yet expanded into runs.
 * Lists hold only their usable elements; problems with the others were reported while reading.
 */
public record Manifest(
        LocatedDocument document,
        String name,
        String source,
        String description,
        ObjectNode defaults,
        List<Pick<String>> datasets,
        List<Pick<Long>> seeds,
        Pick<String> baseline,
        List<Axis> matrix,
        List<Experiment> experiments,
        Map<String, Profile> profiles) {

    /** One value of a list, with where it was written (for error messages about it). */
    public record Pick<T>(T value, Origin origin) {}

    /** A declared matrix axis: a dotted config path and the values it takes, in order. */
    public record Axis(String path, List<Pick<JsonNode>> values) {}

    /**
     * One experiment: its overrides of the defaults (a partial run config whose pointers are
     * relative to {@code pointer}), and optional restrictions to some datasets or seeds.
     */
    public record Experiment(String id, String note, String pointer, ObjectNode overrides,
                             List<Pick<String>> datasets, List<Pick<Long>> seeds, List<Need> needs) {}

    /**
     * A run an experiment's runs need ({@code needs: {role: EXPERIMENT}} or
     * {@code needs: {role: {experiment: E, dataset: D, seed: S}}}): the run of experiment
     * {@code experiment} at the same dataset, seed and matrix values as the needing run, unless
     * {@code dataset} or {@code seed} (null when not given) fix them. {@code pointer} is where
     * the role is written.
     */
    public record Need(String role, String experiment, String dataset, Long seed, String pointer) {}

    /** A named profile: a partial run config applied after the experiment, plus optional lists. */
    public record Profile(String name, String pointer, ObjectNode overrides,
                          List<Pick<String>> datasets, List<Pick<Long>> seeds) {}
}
