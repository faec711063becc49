package io.frugal.analysis.energy;

import io.frugal.analysis.stats.Summary;
import io.frugal.analysis.store.RunRecord;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A cell's energy and CO2 over its done runs that have an energy record ({@code measured} of
 * {@code done}): Wh and g CO2 per run, mean ± sd, the sources the figures come from (more than one:
 * the cell mixes sources, and says so), and the stated power per core and grid intensities they
 * assume.
 */
public record CellEnergy(int measured, int done, Summary wattHours, Summary co2Grams, List<String> sources,
        List<Double> wattsPerCore, List<Double> gridGramsPerKwh) {
    public static CellEnergy of(List<RunRecord> runs, StoreEnergy energy) {
        List<RunRecord> done = runs.stream().filter(RunRecord::isDone).toList();
        List<RunEnergy> e = done.stream().map(r -> energy.of(r.id())).filter(Objects::nonNull).toList();
        return new CellEnergy(e.size(), done.size(),
                Summary.of(e.stream().mapToDouble(RunEnergy::wattHours).toArray()),
                Summary.of(e.stream().mapToDouble(RunEnergy::co2Grams).toArray()),
                List.copyOf(new TreeSet<>(e.stream().map(RunEnergy::source).toList())),
                List.copyOf(new TreeSet<>(e.stream().filter(RunEnergy::usesStatedPower).map(RunEnergy::wattsPerCore)
                        .filter(w -> !Double.isNaN(w)).toList())),
                List.copyOf(new TreeSet<>(e.stream().map(RunEnergy::gridGramsPerKwh).toList())));
    }

    /** The runs' figures come from more than one source (or a run's own attempts did). */
    public boolean isMixed() {
        return sources.size() > 1 || sources.contains(RunEnergy.MIXED);
    }

    /** Some done runs of the cell have no energy record: the figures speak for fewer runs. */
    public boolean isPartial() {
        return measured < done;
    }

    /** The sources in words: one, or "mixed: A; B". */
    public String sourceLabel() {
        if (sources.isEmpty()) return "none";
        if (sources.size() == 1) return RunEnergy.describe(sources.get(0));
        return "mixed: " + String.join("; ", sources.stream().map(RunEnergy::describe).toList());
    }
}
