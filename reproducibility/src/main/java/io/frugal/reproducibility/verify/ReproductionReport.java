package io.frugal.reproducibility.verify;

import com.fasterxml.jackson.databind.JsonNode;
import io.frugal.analysis.store.RunRecord;
import io.frugal.analysis.table.CellKey;
import io.frugal.core.store.AtomicFiles;
import io.frugal.core.store.RunStore;
import io.frugal.reproducibility.claims.Claim;
import io.frugal.reproducibility.claims.ClaimKind;
import io.frugal.reproducibility.claims.ClaimSet;
import io.frugal.reproducibility.energy.EnergyFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The reproduction report ({@code OUT/report/reproduction.md} and {@code .html}): scope, method,
 * results per claim and per cell, energy and CO2, integrity, deviations from the paper, and what was
 * easy and what was hard.
 */
public final class ReproductionReport {
    public static final String MARKDOWN = "reproduction.md";
    public static final String HTML = "reproduction.html";

    private ReproductionReport() {}

    /** Writes both files atomically; returns the Markdown path. */
    public static Path write(Verification v, Path reportDir) {
        Doc doc = build(v);
        Path md = reportDir.resolve(MARKDOWN);
        AtomicFiles.writeString(md, doc.markdown());
        AtomicFiles.writeString(reportDir.resolve(HTML), doc.html("Reproduction report: " + v.snapshot().plan().name()));
        return md;
    }

    static Doc build(Verification v) {
        var plan = v.snapshot().plan();
        Doc d = new Doc();
        d.h(1, "Reproduction report: " + plan.name());
        d.p("Computed from `" + v.snapshot().root() + "`: manifest `" + plan.manifest() + "` (sha256 "
                + (plan.manifestSha256() == null ? "?" : plan.manifestSha256().substring(0, Math.min(12, plan.manifestSha256().length()))) + "), "
                + v.snapshot().count(io.frugal.analysis.store.RunState.DONE) + " of " + plan.runs().size() + " runs done, code "
                + (v.snapshot().codeVersions().isEmpty() ? "version unknown" : String.join(", ", v.snapshot().codeVersions())) + ".");

        d.h(2, "Scope");
        List<ClaimVerdict> covered = v.covered();
        d.p(covered.size() + " of " + v.verdicts().size() + " claims of the papers are covered by this store: "
                + v.count(Verdict.REPRODUCED) + " reproduced, " + v.count(Verdict.NOT_REPRODUCED) + " not reproduced, "
                + v.count(Verdict.INCONCLUSIVE) + " inconclusive.");
        Map<String, List<String>> notCovered = new LinkedHashMap<>();
        for (ClaimVerdict c : v.verdicts()) {
            if (c.verdict() == Verdict.NOT_COVERED) notCovered.computeIfAbsent(c.paper(), k -> new ArrayList<>()).add("`" + c.claim().id() + "`");
        }
        List<String> nc = new ArrayList<>();
        notCovered.forEach((paper, ids) -> nc.add(paper + " (" + ids.size() + "): " + String.join(", ", ids)));
        if (!nc.isEmpty()) {
            d.p("Not covered (the store has none of their cells):");
            d.bullets(nc);
        }

        d.h(2, "Method");
        d.bullets(List.of(
                "Tolerances were fixed in the claims files before any run was looked at; each claim says where its number comes from (table, figure, text, or our reading).",
                "Values and differences: two one-sided tests at α = 0.05, i.e. the 90% interval of (ours − paper) must lie inside ±ε to be *reproduced* and outside it to be *not reproduced*; anything else is *inconclusive*. Where the paper gives a mean with sd and n, the interval is Welch's over both; where it gives a point value only, the paper's number is taken as exact (the ε rule), and the method column says so.",
                "Orderings: the 90% Welch interval of (cell − reference) must lie beyond the tolerance in the claimed direction (one-sided test at 5%); spreads by the F interval of the variance ratio.",
                "Ratios (runtime or CO2 against evaluations): the log of the ratio of means over the target ratio, delta-method standard error, against log(1 ± tolerance).",
                "Trends: the least-squares slope over the matrix axis (log10 where stated) with its t interval (n − 2 df).",
                "Seeds needed: for an inconclusive cell, the seeds per cell at which a two-sided 5% t-test has power 0.8 for a difference the size of the distance from the estimate to the nearest margin edge, with the observed spread (stricter than TOST's one-sided tests, so it errs towards more seeds).",
                "A claim is reproduced when all its cells are, not reproduced when any is not, inconclusive otherwise."));

        d.h(2, "Results");
        for (ClaimSet set : v.sets()) {
            List<ClaimVerdict> mine = covered.stream().filter(c -> c.paper().equals(set.paper())).toList();
            if (mine.isEmpty()) continue;
            d.h(3, set.title() + " (" + set.source() + ")");
            List<List<String>> rows = new ArrayList<>();
            for (ClaimVerdict c : mine) {
                Claim claim = c.claim();
                rows.add(List.of("`" + claim.id() + "`", claim.statement(), claim.kind().label(), paperValue(claim),
                        tolerance(claim), c.verdict().label(), seeds(c.seedsNeeded()), claim.source().label() + (claim.where() == null ? "" : ": " + claim.where())));
            }
            d.table(List.of("claim", "statement", "kind", "paper", "tolerance", "verdict", "seeds/cell to settle", "source"), rows);
            List<List<String>> cells = new ArrayList<>();
            for (ClaimVerdict c : mine) {
                for (CellJudgement j : c.cells()) {
                    cells.add(List.of("`" + c.claim().id() + "`", j.cell(), j.reference() == null ? "-" : j.reference(),
                            j.n() + (j.reference() == null ? "" : " / " + j.nReference()), estimate(j), region(j), j.verdict().label(),
                            seeds(j.seedsNeeded()), j.note() == null ? j.method() : j.note()));
                }
            }
            d.p("Per cell (estimate and 90% interval in the claim's terms: ours − paper for values and differences, cell − reference for orderings, (cell/reference)/target for ratios, the slope for trends):");
            d.table(List.of("claim", "cell", "reference", "runs", "estimate [90% CI]", "reproduced if in", "verdict", "seeds/cell", "method"), cells);
        }

        energy(d, v);

        d.h(2, "Integrity");
        if (v.tampering().isEmpty()) {
            d.p("No tampering found: every done run's config.json matches plan.json and its id, its result.json matches its metrics.jsonl, its result.json and metrics.jsonl and its dataset files have the sha256 provenance recorded, and it was trained from a clean tree.");
        } else {
            d.p(v.tampering().size() + " problem(s); the verdicts above still count these runs, so read them with care:");
            d.bullets(v.tampering().stream().map(Object::toString).toList());
        }
        if (!v.snapshot().problems().isEmpty()) {
            d.p("Problems reading the store:");
            d.bullets(v.snapshot().problems());
        }

        d.h(2, "Deviations from the paper");
        if (v.deviations().isEmpty()) d.p("No paper is covered.");
        for (ClaimSet set : v.sets()) {
            List<String> dev = v.deviations().get(set.paper());
            if (dev == null) continue;
            d.h(3, set.title());
            d.bullets(dev);
        }

        d.h(2, "What was easy and what was hard");
        for (ClaimSet set : v.sets()) {
            if (!v.deviations().containsKey(set.paper())) continue;
            d.h(3, set.title());
            List<String> items = new ArrayList<>();
            set.easy().forEach(e -> items.add("Easy: " + e));
            set.hard().forEach(h -> items.add("Hard: " + h));
            d.bullets(items);
        }
        return d;
    }

    /** Per cell: mean energy and CO2 of the done runs with an energy.json, and the sources used. */
    private static void energy(Doc d, Verification v) {
        RunStore store = new RunStore(v.snapshot().root());
        Map<CellKey, List<JsonNode>> cells = new LinkedHashMap<>();
        for (RunRecord r : v.snapshot().runs()) {
            if (!r.isDone()) continue;
            var e = EnergyFile.read(store.run(r.id()));
            if (e.isEmpty()) continue;
            cells.computeIfAbsent(new CellKey(r.planned().dataset(), r.planned().experiment(), r.planned().matrixLabels()), k -> new ArrayList<>()).add(e.get());
        }
        d.h(2, "Energy and CO2");
        if (cells.isEmpty()) {
            d.p("No done run has an energy.json (runs trained before frugal recorded energy).");
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        TreeSet<String> assumptions = new TreeSet<>();
        TreeSet<String> grids = new TreeSet<>();
        cells.forEach((k, es) -> {
            double kwh = es.stream().mapToDouble(e -> e.path(EnergyFile.ENERGY_KWH).asDouble()).average().orElse(Double.NaN);
            double co2 = es.stream().mapToDouble(e -> e.path(EnergyFile.CO2_KG).asDouble()).average().orElse(Double.NaN);
            TreeSet<String> sources = new TreeSet<>();
            es.forEach(e -> {
                sources.add(e.path("source").asText("?"));
                assumptions.add(e.path("assumptions").asText(""));
                grids.add(e.path("grid_source").asText(""));
            });
            rows.add(List.of(k.toString(), Integer.toString(es.size()), String.format(Locale.ROOT, "%.3g Wh", kwh * 1000),
                    String.format(Locale.ROOT, "%.3g g", co2 * 1000), String.join(", ", sources)));
        });
        d.table(List.of("cell", "runs", "energy (mean)", "CO2 (mean)", "source"), rows);
        List<String> notes = new ArrayList<>();
        assumptions.stream().filter(a -> !a.isBlank()).forEach(a -> notes.add("Energy: " + a));
        grids.stream().filter(g -> !g.isBlank()).forEach(g -> notes.add("Grid intensity: " + g));
        d.bullets(notes);
    }

    static String paperValue(Claim c) {
        if (c.kind() == ClaimKind.RATIO && c.equals() != null) return "= " + c.equals();
        if (c.kind() == ClaimKind.ORDERING) return c.statistic() + " " + (c.direction().equals("greater") ? ">" : "<") + " reference";
        if (c.kind() == ClaimKind.TREND) return "slope " + c.direction() + " along " + c.axis();
        if (c.paper() == null) return "-";
        String s = num(c.paper().mean()) + " " + c.unit();
        if (c.paper().hasSpread()) s += " (sd " + num(c.paper().sd()) + ", n " + c.paper().n() + ")";
        return s;
    }

    static String tolerance(Claim c) {
        return switch (c.kind()) {
            case RATIO -> "±" + num(100 * c.tolerance()) + "%";
            case ORDERING -> "beyond " + num(c.tolerance());
            default -> "±" + num(c.tolerance());
        };
    }

    static String estimate(CellJudgement j) {
        Interval i = j.interval();
        if (Double.isNaN(i.estimate())) return "-";
        if (!i.defined()) return num(i.estimate()) + " [no interval]";
        return num(i.estimate()) + " [" + num(i.low()) + ", " + num(i.high()) + "]";
    }

    static String region(CellJudgement j) {
        if (Double.isNaN(j.lo()) && Double.isNaN(j.hi())) return "-";
        return "(" + (j.lo() == Double.NEGATIVE_INFINITY ? "−∞" : num(j.lo())) + ", " + (j.hi() == Double.POSITIVE_INFINITY ? "∞" : num(j.hi())) + ")";
    }

    static String seeds(double s) {
        if (Double.isNaN(s)) return "-";
        if (Double.isInfinite(s)) return "more than any study";
        return Long.toString((long) s);
    }

    static String num(double v) {
        if (Double.isNaN(v)) return "n/a";
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
