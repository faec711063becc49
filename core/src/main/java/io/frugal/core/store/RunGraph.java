package io.frugal.core.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The plan's runs as a graph of who needs whom (a run's inputs), for executors and status:
 * which runs are blocked because a run they need, directly or through others, failed.
 */
public final class RunGraph {
    private final Map<String, PlannedRun> runs = new LinkedHashMap<>();

    public RunGraph(Plan plan) {
        for (PlannedRun r : plan.runs()) runs.put(r.id(), r);
    }

    /** The run ids this run needs, by role order. */
    public List<String> inputs(String id) {
        PlannedRun r = runs.get(id);
        return r == null ? List.of() : new ArrayList<>(r.inputs().values());
    }

    public boolean hasInputs() {
        return runs.values().stream().anyMatch(r -> !r.inputs().isEmpty());
    }

    /**
     * For every run that is not failed itself but needs, directly or through other runs, a run
     * that {@code failed} says has failed: the id of that failed run (the first one found, by role
     * order). Runs not blocked are not in the map.
     */
    public Map<String, String> blockedBy(Predicate<String> failed) {
        Map<String, String> memo = new HashMap<>();
        Map<String, String> out = new LinkedHashMap<>();
        for (String id : runs.keySet()) {
            String cause = cause(id, failed, memo);
            if (cause != null) out.put(id, cause);
        }
        return out;
    }

    /** The failed run that blocks {@code id}, or null; "" marks a run known not to be blocked. */
    private String cause(String id, Predicate<String> failed, Map<String, String> memo) {
        String known = memo.get(id);
        if (known != null) return known.isEmpty() ? null : known;
        memo.put(id, ""); // plans have no cycles; this also stops a damaged one from looping
        String found = null;
        for (String in : inputs(id)) {
            if (failed.test(in)) {
                found = in;
                break;
            }
            String up = cause(in, failed, memo);
            if (up != null) {
                found = up;
                break;
            }
        }
        memo.put(id, found == null ? "" : found);
        return found;
    }
}
