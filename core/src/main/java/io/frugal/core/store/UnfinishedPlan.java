package io.frugal.core.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * {@code OUT/planning.json}: the mark of a plan being written. It is made durable before the first
 * config.json of a plan and removed after plan.json is in place, so a folder that has it and no
 * plan.json is a plan that stopped half-way (a kill, a crash, a full disk): its configs are
 * whole and correct, but they are no plan, nothing has run from them, and planning the same manifest
 * into the folder again completes it. Only plan.json makes a run store.
 */
public final class UnfinishedPlan {
    public static final String FILE = "planning.json";

    private UnfinishedPlan() {}

    /** Marks {@code store} as being planned from {@code plan}'s manifest. */
    public static void begin(RunStore store, Plan plan) {
        ObjectNode o = Json.object();
        o.put("manifest", plan.manifest());
        o.put("manifest_sha256", plan.manifestSha256());
        o.put("runs", plan.runs().size());
        o.put("note", "frugal is writing this plan, or was stopped while writing it: plan.json is written last; "
                + "until it is there this folder is no run store. Plan the same manifest into it again to complete it.");
        Json.writeAtomically(store.planning(), o);
    }

    /** After plan.json is in place; losing this removal in a crash is harmless, plan.json wins. */
    public static void end(RunStore store) {
        try {
            Files.deleteIfExists(store.planning());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + store.planning() + ": " + e.getMessage(), e);
        }
    }

    /** Whether {@code store} has no plan.json but a plan was being written into it. */
    public static boolean isUnfinished(RunStore store) {
        return !Files.isRegularFile(store.plan()) && Files.isRegularFile(store.planning());
    }

    /** What to tell a user who asks to run, resume or report on an unfinished plan. */
    public static String explain(RunStore store) {
        String manifest = null;
        try {
            manifest = Json.read(store.planning()).path("manifest").asText(null);
        } catch (RuntimeException unreadable) {
            // the advice below holds without the manifest's name
        }
        return store.root() + ": an unfinished plan, not a run store: writing it stopped before plan.json (which is written last)"
                + ", so nothing in it has run or counts; plan it again to complete it: frugal run "
                + (manifest != null ? manifest : "MANIFEST") + " --out " + store.root();
    }
}
