package io.frugal.harness.plan;

import com.fasterxml.jackson.databind.JsonNode;
import io.frugal.core.BadInputException;
import io.frugal.core.store.AtomicFiles;
import io.frugal.core.store.ConfigFile;
import io.frugal.core.store.FileBatch;
import io.frugal.core.store.Json;
import io.frugal.core.store.Plan;
import io.frugal.core.store.PlannedRun;
import io.frugal.core.store.RunStore;
import io.frugal.core.store.UnfinishedPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes a plan into a run store: {@code OUT/runs/ID/config.json} of every run, then
 * {@code OUT/plan.json}. A run's config is never changed after planning: if a config.json already
 * exists it must hold the same config, else nothing at all is written.
 *
 * <p>Crash safety, for a constant number of syncs whatever the number of runs: {@code planning.json}
 * is made durable first ({@link UnfinishedPlan}); the configs are then written straight into place
 * while plan.json's text goes to a temp file beside them, and one durability barrier makes them all
 * durable ({@link FileBatch#writeInPlace}); renaming plan.json into place is the commit. A folder
 * without plan.json is no run store (nothing runs or counts from it), and one with it has every
 * config it names, whole. A crash before the commit may leave configs cut short: planning again
 * writes every config that no committed plan.json names, and compares the others byte for byte.
 * Per config that is a folder and a file, two calls fewer than a temp file and its rename.
 */
public final class PlanWriter {
    private PlanWriter() {}

    public static void write(RunStore store, Plan plan) {
        List<PlannedRun> toWrite = new ArrayList<>();
        List<String> conflicts = new ArrayList<>();
        boolean planned = Files.isDirectory(store.runsDir()); // a new store has no config to compare with
        boolean interruptedBefore = Files.exists(store.planning());
        Set<String> committed = interruptedBefore ? committedRunIds(store) : Set.of();
        for (PlannedRun run : plan.runs()) {
            Path file = store.run(run.id()).config();
            // a config that an interrupted plan wrote, and no plan.json committed, may be cut short: written again
            if (!planned || (interruptedBefore && !committed.contains(run.id())) || !Files.exists(file)) {
                toWrite.add(run);
                continue;
            }
            String difference = difference(file, run);
            if (difference != null) conflicts.add(file + " differs at " + difference);
        }
        if (!conflicts.isEmpty()) {
            throw new BadInputException(conflicts.size() + " run(s) of this plan were planned before with a different config, "
                    + "and a run's config is never changed after planning; use another output folder or restore the "
                    + "settings they were planned with. Nothing was written.\n" + String.join("\n", conflicts));
        }
        // a store planned exactly so before is left as it is (it may be read-only: an archived store whose runs are all done)
        if (toWrite.isEmpty() && samePlan(store, plan)) {
            if (interruptedBefore) removeLeftovers(store, plan); // killed after its plan.json, before removing the mark
            return;
        }
        if (!toWrite.isEmpty()) UnfinishedPlan.begin(store, plan);
        // the configs in place and plan.json's text beside them at the same time, one barrier for both
        Path planText = ConfigFile.writeAllInPlace(store, toWrite, () -> plan.writeUncommitted(store));
        Plan.commit(store, planText); // last: the commit of the whole plan
        if (interruptedBefore) removeLeftovers(store, plan);
        UnfinishedPlan.end(store);
    }

    /** The runs of the plan.json in place (none when there is none): their configs are a committed plan's, never rewritten. */
    private static Set<String> committedRunIds(RunStore store) {
        if (!Files.isRegularFile(store.plan())) return Set.of();
        Set<String> ids = new HashSet<>();
        Plan.read(store.root()).runs().forEach(r -> ids.add(r.id()));
        return ids;
    }

    /**
     * What an interrupted plan left that is never read: plan.json's temp file, the config temp files
     * of frugal versions that wrote configs through a temp file, and its mark.
     */
    private static void removeLeftovers(RunStore store, Plan plan) {
        try {
            AtomicFiles.removeStrayTemps(store.plan());
            FileBatch.removeStrayTemps(plan.runs().stream().map(r -> store.run(r.id()).config()).toList());
            UnfinishedPlan.end(store);
        } catch (RuntimeException readOnly) {
            // harmless where they cannot be removed: plan.json is in place, and temp files are never read
        }
    }

    /** Null when the existing config is this run's, else where they differ; a byte comparison first, as most are the same. */
    private static String difference(Path file, PlannedRun run) {
        byte[] existing;
        try {
            existing = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new BadInputException("cannot read the existing " + file + " (" + e.getMessage() + "); nothing was written", e);
        }
        if (Arrays.equals(existing, ConfigFile.bytes(run.config()))) return null;
        return firstDifference(readExisting(file), run.config(), "");
    }

    private static boolean samePlan(RunStore store, Plan plan) {
        if (!Files.isRegularFile(store.plan())) return false;
        if (plan.isWrittenIn(store.plan())) return true;
        try {
            // the same plan written by an older frugal, spaced otherwise
            return Json.canonical(Json.read(store.plan())).equals(Json.canonical(plan.toJson()));
        } catch (RuntimeException e) {
            return false;
        }
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
