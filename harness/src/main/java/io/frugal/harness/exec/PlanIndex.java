package io.frugal.harness.exec;

import io.frugal.core.store.Plan;
import io.frugal.core.store.PlannedRun;
import java.util.HashMap;
import java.util.Map;

/**
 * A plan's runs by id, built once by a caller that looks runs up in a loop: {@link Plan#run} walks
 * the list, and once per run over 100 000 runs that is 5·10⁹ comparisons.
 */
public final class PlanIndex {
    private final Map<String, PlannedRun> byId;

    private PlanIndex(Map<String, PlannedRun> byId) {
        this.byId = byId;
    }

    public static PlanIndex of(Plan plan) {
        Map<String, PlannedRun> byId = new HashMap<>(plan.runs().size() * 4 / 3 + 1);
        // the first of a repeated id, as Plan.run finds it (a plan read from disk never repeats one)
        for (PlannedRun r : plan.runs()) byId.putIfAbsent(r.id(), r);
        return new PlanIndex(byId);
    }

    /** The run of that id, or null. */
    public PlannedRun run(String id) {
        return byId.get(id);
    }
}
