package io.frugal.harness.plan;

import com.fasterxml.jackson.databind.JsonNode;
import io.frugal.core.BadInputException;
import io.frugal.core.store.ConfigFile;
import io.frugal.core.store.Json;
import io.frugal.core.store.Plan;
import io.frugal.core.store.PlannedRun;
import io.frugal.core.store.RunStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.TreeSet;

/**
 * Writes a plan into a run store: {@code OUT/runs/ID/config.json} of every run, then
 * {@code OUT/plan.json}, each atomically. A run's config is never changed after planning: if a
 * config.json already exists it must hold the same config, else nothing at all is written.
 */
public final class PlanWriter {
    static final int WRITERS = 16;

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
        writeConfigs(store, toWrite);
        // last, so that every run plan.json names already has its config; a store planned exactly
        // so before is left as it is (it may be read-only: an archived store whose runs are all done)
        if (toWrite.isEmpty() && samePlan(store, plan)) return;
        plan.write(store);
    }

    /**
     * Writes the configs from {@link #WRITERS} threads. Each atomic write waits for two fsyncs, and
     * that wait, not the CPU, is what a large plan costs (about 2.4 ms a run here: 4 minutes for
     * 100 000 runs; far more on a cluster's network file system). Concurrent fsyncs share the file
     * system's journal commits, so the waits overlap (BENCHMARKS.md, "Harness scale").
     */
    private static void writeConfigs(RunStore store, List<PlannedRun> runs) {
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Future<?>> writes = new ArrayList<>(runs.size());
            for (PlannedRun run : runs) writes.add(pool.submit(() -> ConfigFile.write(store.run(run.id()), run.config())));
            for (Future<?> w : writes) w.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the run store", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static boolean samePlan(RunStore store, Plan plan) {
        if (!Files.isRegularFile(store.plan())) return false;
        try {
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
