package io.frugal.harness.plan;

import com.fasterxml.jackson.databind.JsonNode;
import io.frugal.methods.BadInputException;
import io.frugal.methods.store.Json;
import io.frugal.methods.store.RunStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

/**
 * Writes a plan into a run store: {@code OUT/runs/ID/config.json} of every run, then
 * {@code OUT/plan.json}, each atomically. A run's config is never changed after planning: if a
 * config.json already exists it must hold the same config, else nothing at all is written.
 */
public final class PlanWriter {
    private PlanWriter() {}

    public static void write(RunStore store, Plan plan) {
        List<PlannedRun> toWrite = new ArrayList<>();
        List<String> conflicts = new ArrayList<>();
        for (PlannedRun run : plan.runs()) {
            Path file = store.run(run.id()).config();
            if (!Files.exists(file)) {
                toWrite.add(run);
                continue;
            }
            JsonNode existing = readExisting(file);
            String difference = firstDifference(existing, run.config(), "");
            if (difference != null) conflicts.add(file + " differs at " + difference);
        }
        if (!conflicts.isEmpty()) {
            throw new BadInputException(conflicts.size() + " run(s) of this plan were planned before with a different config, "
                    + "and a run's config is never changed after planning; use another output folder or restore the "
                    + "settings they were planned with. Nothing was written.\n" + String.join("\n", conflicts));
        }
        for (PlannedRun run : toWrite) Json.writeAtomically(store.run(run.id()).config(), run.config());
        // last, so that every run plan.json names already has its config
        Json.writeAtomically(store.plan(), plan.toJson());
    }

    private static JsonNode readExisting(Path file) {
        try {
            return Json.read(file);
        } catch (RuntimeException e) {
            throw new BadInputException("cannot read the existing " + file + " (" + e.getMessage() + "); nothing was written", e);
        }
    }

    /** The first pointer at which two trees differ (with both values), or null if they are the same JSON. */
    static String firstDifference(JsonNode was, JsonNode now, String pointer) {
        if (was.isObject() && now.isObject()) {
            TreeSet<String> keys = new TreeSet<>();
            was.fieldNames().forEachRemaining(keys::add);
            now.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                String d = firstDifference(was.path(k), now.path(k), pointer + "/" + k);
                if (d != null) return d;
            }
            return null;
        }
        if (was.isArray() && now.isArray() && was.size() == now.size()) {
            Iterator<JsonNode> a = was.elements();
            Iterator<JsonNode> b = now.elements();
            for (int i = 0; a.hasNext(); i++) {
                String d = firstDifference(a.next(), b.next(), pointer + "/" + i);
                if (d != null) return d;
            }
            return null;
        }
        if (Json.canonical(was).equals(Json.canonical(now))) return null;
        return (pointer.isEmpty() ? "/" : pointer) + " (was " + shown(was) + ", now " + shown(now) + ")";
    }

    private static String shown(JsonNode n) {
        return n.isMissingNode() ? "absent" : Json.compact(n);
    }
}
