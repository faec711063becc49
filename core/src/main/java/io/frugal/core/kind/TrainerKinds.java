package io.frugal.core.kind;

import io.frugal.core.BadInputException;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The registered trainer kinds, found once through {@link ServiceLoader}: adding a kind is adding
 * its package and one line in its module's {@code META-INF/services/io.frugal.core.kind.TrainerKind}.
 */
public final class TrainerKinds {
    private static volatile Map<String, TrainerKind> kinds;

    private TrainerKinds() {}

    public static Collection<TrainerKind> all() {
        return registry().values();
    }

    public static java.util.Set<String> names() {
        return registry().keySet();
    }

    /** Every dataset name some kind trains on: kinds in name order, each kind's datasets in its own order. */
    public static java.util.Set<String> allDatasets() {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        all().forEach(k -> out.addAll(k.datasets()));
        return out;
    }

    /** Every top-level key a run config of some kind may have (the common ones included). */
    public static java.util.Set<String> allConfigKeys() {
        java.util.Set<String> out = new java.util.TreeSet<>(CommonConfig.KEYS);
        all().forEach(k -> out.addAll(k.keys()));
        return out;
    }

    /** The kind of that name; bad input naming the known kinds if there is none. */
    public static TrainerKind get(String name) {
        TrainerKind k = registry().get(name);
        if (k == null) throw new BadInputException("unknown trainer '" + name + "' (known: " + String.join(", ", names()) + ")");
        return k;
    }

    /** The kind of a run config: its {@code trainer} value, or the default kind when it has none. */
    public static TrainerKind of(com.fasterxml.jackson.databind.JsonNode config) {
        com.fasterxml.jackson.databind.JsonNode t = config.path(CommonConfig.TRAINER);
        return t.isTextual() ? get(t.textValue()) : defaultKind();
    }

    public static TrainerKind defaultKind() {
        return all().stream().filter(TrainerKind::isDefault).findFirst()
                .orElseThrow(() -> new IllegalStateException("no default trainer kind is registered"));
    }

    private static Map<String, TrainerKind> registry() {
        Map<String, TrainerKind> k = kinds;
        if (k == null) {
            synchronized (TrainerKinds.class) {
                if (kinds == null) kinds = load();
                k = kinds;
            }
        }
        return k;
    }

    private static Map<String, TrainerKind> load() {
        Map<String, TrainerKind> out = new TreeMap<>();
        for (TrainerKind kind : ServiceLoader.load(TrainerKind.class)) {
            TrainerKind same = out.putIfAbsent(kind.name(), kind);
            if (same != null) throw new IllegalStateException("two trainer kinds named '" + kind.name() + "'");
        }
        long defaults = out.values().stream().filter(TrainerKind::isDefault).count();
        if (!out.isEmpty() && defaults != 1) throw new IllegalStateException(defaults + " trainer kinds claim to be the default");
        return Collections.unmodifiableMap(out);
    }
}
