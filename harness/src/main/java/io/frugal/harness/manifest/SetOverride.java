package io.frugal.harness.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frugal.core.kind.CommonConfig;
import io.frugal.core.kind.TrainerKinds;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * One {@code --set key=value} option: {@code key} a dotted config path ({@code model.width}) or
 * {@code datasets}/{@code seeds}, {@code value} a YAML flow value ({@code 0.5}, {@code [1, 2]},
 * {@code {width: 0.5}}). Its problems are located as {@code --set:N:COL}: the N-th {@code --set}
 * (1-based), the character of its argument.
 */
public record SetOverride(int index, String text, String path, LocatedDocument value) {
    private static final Pattern DOTTED_PATH = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");
    static final Set<String> LIST_KEYS = Set.of("datasets", "seeds");

    /** Parses every option; bad ones are reported and left out. */
    public static List<SetOverride> parseAll(List<String> sets, List<ManifestProblem> problems) {
        List<SetOverride> out = new ArrayList<>();
        for (int i = 0; i < sets.size(); i++) {
            SetOverride s = parse(i + 1, sets.get(i), problems);
            if (s != null) out.add(s);
        }
        return out;
    }

    private static SetOverride parse(int index, String text, List<ManifestProblem> problems) {
        SourceLocation start = new SourceLocation(SourceLocation.SET_OPTION, index, 1);
        int eq = text.indexOf('=');
        String key = eq < 0 ? text : text.substring(0, eq).trim();
        String pointer = DOTTED_PATH.matcher(key).matches() ? JsonPointers.ofDottedPath(key) : "";
        if (eq < 0) {
            problems.add(new ManifestProblem(start, pointer, "expected key=value, got '" + text + "'"));
            return null;
        }
        if (!DOTTED_PATH.matcher(key).matches()) {
            problems.add(new ManifestProblem(start, "", "the key must be a dotted config path such as model.width, got '" + key + "'"));
            return null;
        }
        String first = key.split("\\.")[0];
        String problem = keyProblem(key, first);
        if (problem != null) {
            problems.add(new ManifestProblem(start, pointer, problem));
            return null;
        }
        String valueText = text.substring(eq + 1);
        LocatedDocument value = LocatedTreeReader.parseValue(valueText,
                new SourceLocation(SourceLocation.SET_OPTION, index, eq + 2), problems);
        if (value == null) return null;
        if (value.root().isNull()) {
            problems.add(new ManifestProblem(start, pointer, "needs a value: " + key + "=VALUE"));
            return null;
        }
        return new SetOverride(index, text, key, value);
    }

    private static String keyProblem(String key, String first) {
        if (LIST_KEYS.contains(first)) {
            return key.equals(first) ? null : "'" + first + "' is a list and has no parts; use " + first + "=[...]";
        }
        String why = ManifestReader.forbiddenLayerKey(first);
        if (why != null) return why;
        if (!TrainerKinds.allConfigKeys().contains(first) || first.equals(CommonConfig.INPUTS)) {
            Set<String> known = new TreeSet<>(TrainerKinds.allConfigKeys());
            known.remove(CommonConfig.INPUTS); // written by the planner from an experiment's needs
            known.removeIf(k -> ManifestReader.forbiddenLayerKey(k) != null);
            known.addAll(LIST_KEYS);
            return "unknown key '" + first + "' (known: " + String.join(", ", known) + ")";
        }
        return null;
    }

    public boolean isList() {
        return LIST_KEYS.contains(path);
    }

    public String pointer() {
        return JsonPointers.ofDottedPath(path);
    }

    /** The override as a partial run config: {@code model.width=0.5} is {@code {model: {width: 0.5}}}. */
    public ObjectNode asTree() {
        return Layer.treeAt(path, value.root());
    }

    /**
     * Where a value at {@code pointer} of the resolved config (at or below this override's key)
     * was written: the key itself for the whole value, else the element inside the value.
     */
    public Origin origin(String pointer) {
        String own = pointer();
        if (!pointer.startsWith(own + "/")) return new Origin(new SourceLocation(SourceLocation.SET_OPTION, index, 1), pointer);
        return new Origin(value.locate(pointer.substring(own.length())), pointer);
    }
}
