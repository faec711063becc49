package io.frugal.analysis.report;

import io.frugal.analysis.energy.CellEnergy;
import io.frugal.analysis.energy.RunEnergy;
import io.frugal.analysis.energy.StoreEnergy;
import io.frugal.analysis.store.RunRecord;
import io.frugal.analysis.stats.Summary;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The energy and CO2 columns as the human formats show them (Markdown, HTML, LaTeX): a cell's
 * Wh and g CO2 (mean ± sd over its runs with an energy record), where the figures come from, and
 * the footnote naming the sources and the stated numbers they rest on, taken from the records
 * themselves.
 */
final class EnergyText {
    static final List<String> HEADINGS = List.of("energy Wh", "CO2 g", "energy source");

    private EnergyText() {}

    /** Energy, CO2 and source of a cell; n/a where none of its done runs has an energy record. */
    static List<String> cells(CellEnergy e) {
        if (e.measured() == 0) return List.of(Numbers.NA, Numbers.NA, Numbers.NA);
        String partial = e.isPartial() ? " (n=" + e.measured() + " of " + e.done() + ")" : "";
        return List.of(meanSd(e.wattHours()) + partial, meanSd(e.co2Grams()) + partial, e.sourceLabel());
    }

    /** The mean to four significant digits and the sd to the same decimals, so both read on one scale. */
    static String meanSd(Summary s) {
        String mean = energy(s.mean());
        if (Double.isNaN(s.sd()) || mean.equals(Numbers.NA)) return mean;
        int scale = Math.abs(s.mean()) >= 1000 ? 0 : scale(s.mean());
        return mean + " ± " + (scale == 0 ? String.format(Locale.ROOT, "%,.0f", s.sd())
                : new BigDecimal(s.sd()).setScale(scale, RoundingMode.HALF_EVEN).toPlainString());
    }

    /** Four significant digits, grouped from 1000 on, never in exponent form (energies of short runs are small). */
    static String energy(double x) {
        if (Double.isNaN(x)) return Numbers.NA;
        if (Math.abs(x) >= 1000) return String.format(Locale.ROOT, "%,.0f", x);
        return new BigDecimal(x).setScale(scale(x), RoundingMode.HALF_EVEN).toPlainString();
    }

    /** Decimals that give x four significant digits. */
    private static int scale(double x) {
        return x == 0 ? 3 : 3 - (int) Math.floor(Math.log10(Math.abs(x)));
    }

    /** The footnote (Markdown emphasis): what the columns are, which sources the store's records used, and their assumptions. */
    static String note(StoreEnergy energy, List<RunRecord> done) {
        StringBuilder out = new StringBuilder("Energy columns, from each done run's energy.json (summed over the run's attempts): ")
                .append("*energy Wh* and *CO2 g* per run, mean ± sd over the cell's runs that have one (`(n=2 of 3)`: only 2 of its 3 done ")
                .append("runs do); *energy source*: RAPL counters (the machine's package energy over the run, other processes included), or ")
                .append("CPU seconds × W per core (the trainer process's CPU seconds times a stated power per core), with nvidia-smi power ")
                .append("samples added on GPU nodes; `mixed:` names every source where a cell's runs were measured differently. ");
        List<RunEnergy> records = done.stream().map(r -> energy.of(r.id())).filter(java.util.Objects::nonNull).toList();
        if (records.isEmpty()) {
            return out.append("No done run has an energy.json (runs trained before frugal recorded energy): the columns are n/a.").toString();
        }
        Set<String> sources = new TreeSet<>();
        Set<Double> watts = new TreeSet<>();
        Set<String> grids = new LinkedHashSet<>();
        for (RunEnergy e : records) {
            sources.add(RunEnergy.describe(e.source()));
            if (e.usesStatedPower() && !Double.isNaN(e.wattsPerCore())) watts.add(e.wattsPerCore());
            grids.add(energy(e.gridGramsPerKwh()) + " g CO2/kWh (" + e.gridSource() + ")");
        }
        out.append("Sources in this report: ").append(String.join("; ", sources)).append(". Assumptions: ");
        List<String> a = new ArrayList<>();
        if (!watts.isEmpty()) a.add("power per core " + String.join(", ", watts.stream().map(w -> energy(w) + " W").toList()) + " (stated)");
        a.add("grid intensity " + String.join(", ", grids));
        out.append(String.join("; ", a)).append("; CO2 = energy × grid intensity.");
        if (records.size() < done.size()) out.append(" ").append(done.size() - records.size()).append(" of ").append(done.size())
                .append(" done runs have no energy.json.");
        return out.toString();
    }

    /** One row per done run with an energy record: run, dataset, experiment, seed, source, Wh, g CO2, CPU seconds. */
    static TextTable perRun(StoreEnergy energy, List<RunRecord> done) {
        TextTable t = new TextTable().column("run", false).column("dataset", false).column("experiment", false).column("seed", true)
                .column("energy source", false).column("energy Wh", true).column("CO2 g", true).column("CPU s", true)
                .column("W per core", true).column("grid g/kWh", true);
        for (RunRecord r : done) {
            RunEnergy e = energy.of(r.id());
            if (e == null) continue;
            t.row(List.of(r.id(), r.planned().dataset(), r.planned().experiment(), Long.toString(r.planned().seed()),
                    RunEnergy.describe(e.source()), energy(e.wattHours()), energy(e.co2Grams()), Numbers.seconds(e.cpuSeconds()),
                    e.usesStatedPower() ? energy(e.wattsPerCore()) : "—", energy(e.gridGramsPerKwh())));
        }
        return t;
    }
}
