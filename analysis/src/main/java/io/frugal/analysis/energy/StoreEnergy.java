package io.frugal.analysis.energy;

import io.frugal.analysis.store.RunRecord;
import io.frugal.analysis.store.StoreSnapshot;
import io.frugal.core.store.RunStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The energy records of a store's done runs, by run id, and the files that could not be used
 * (each named with why; never fatal). Read beside the snapshot, from each done run's energy.json:
 * runs trained before frugal recorded energy have none and simply count as unmeasured.
 */
public record StoreEnergy(Map<String, RunEnergy> byRun, List<String> problems) {
    public static final String FILE = "energy.json";

    public StoreEnergy {
        byRun = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byRun));
        problems = List.copyOf(problems);
    }

    public static StoreEnergy of(StoreSnapshot snapshot) {
        RunStore store = new RunStore(snapshot.root());
        Map<String, RunEnergy> byRun = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (RunRecord r : snapshot.runs()) {
            if (!r.isDone()) continue;
            Path file = store.run(r.id()).dir().resolve(FILE);
            if (!Files.isRegularFile(file)) continue;
            EnergyReader.Outcome o = EnergyReader.read(file);
            if (o.energy() != null) byRun.put(r.id(), o.energy());
            else problems.add("run " + r.id() + ": " + FILE + ": " + o.problem() + " (its energy left out)");
        }
        return new StoreEnergy(byRun, problems);
    }

    public RunEnergy of(String runId) {
        return byRun.get(runId);
    }

    public boolean isEmpty() {
        return byRun.isEmpty();
    }
}
