package io.frugal.harness.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import io.frugal.harness.manifest.Manifest.Pick;
import io.frugal.core.config.ConfigReader;
import io.frugal.core.kind.TrainerKinds;
import io.frugal.core.store.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads the lists a manifest, a profile or a {@code --set} may give: datasets, seeds and matrix
 * axis values. A list must be non-empty and without repeats; bad elements are reported and left out.
 */
final class ListReader {
    private final Function<String, Origin> origins;
    private final List<ManifestProblem> problems;

    /** {@code origins} maps a pointer of the list's source to where it was written. */
    ListReader(Function<String, Origin> origins, List<ManifestProblem> problems) {
        this.origins = origins;
        this.problems = problems;
    }

    private interface Element<T> {
        /** The element's value, or null after reporting why it is unusable. */
        T read(JsonNode node, Origin at);
    }

    List<Pick<String>> datasets(JsonNode node, String pointer) {
        return list(node, pointer, "dataset", (n, at) -> {
            if (!n.isTextual()) return bad(at, "a dataset must be a name, got " + ConfigReader.describe(n));
            if (!TrainerKinds.allDatasets().contains(n.textValue())) {
                return bad(at, "unknown dataset '" + n.textValue() + "' (known: " + String.join(", ", TrainerKinds.allDatasets()) + ")");
            }
            return n.textValue();
        });
    }

    List<Pick<Long>> seeds(JsonNode node, String pointer) {
        return list(node, pointer, "seed", (n, at) -> {
            boolean whole = n.isIntegralNumber() || (n.isNumber() && n.decimalValue().stripTrailingZeros().scale() <= 0);
            if (!whole || !n.canConvertToLong()) return bad(at, "a seed must be a whole number, got " + ConfigReader.describe(n));
            if (n.asLong() < 0) return bad(at, "a seed must not be negative, got " + n.asLong());
            return n.asLong();
        });
    }

    List<Pick<JsonNode>> axisValues(JsonNode node, String pointer) {
        return list(node, pointer, "value", (n, at) -> n.isValueNode() && !n.isNull() ? n
                : bad(at, "an axis value must be a plain value (number, string or boolean), got " + ConfigReader.describe(n)));
    }

    private <T> List<Pick<T>> list(JsonNode node, String pointer, String what, Element<T> element) {
        List<Pick<T>> out = new ArrayList<>();
        if (node == null || !node.isArray() || node.isEmpty()) {
            String got = node == null || node.isNull() ? "nothing" : node.isArray() ? "an empty list" : ConfigReader.describe(node);
            problems.add(origins.apply(pointer).problem("", "must be a non-empty list of " + what + "s, got " + got));
            return out;
        }
        Map<String, Origin> seen = new HashMap<>();
        for (int i = 0; i < node.size(); i++) {
            Origin at = origins.apply(JsonPointers.child(pointer, i));
            T value = element.read(node.get(i), at);
            if (value == null) continue;
            Origin first = seen.putIfAbsent(Json.canonical(node.get(i)), at);
            if (first != null) {
                problems.add(at.problem("", "duplicate " + what + " " + node.get(i) + " (already at " + first.pointer()
                        + (first.location().onCommandLine() ? "" : ", line " + first.location().line()) + ")"));
                continue;
            }
            out.add(new Pick<>(value, at));
        }
        return out;
    }

    private <T> T bad(Origin at, String message) {
        problems.add(at.problem("", message));
        return null;
    }
}
