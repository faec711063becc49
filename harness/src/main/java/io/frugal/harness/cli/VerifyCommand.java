package io.frugal.harness.cli;

import io.frugal.analysis.store.RunStoreReader;
import io.frugal.analysis.store.StoreSnapshot;
import io.frugal.reproducibility.DigestCache;
import io.frugal.reproducibility.audit.TamperCheck;
import io.frugal.reproducibility.audit.Tampering;
import io.frugal.reproducibility.claims.ClaimReader;
import io.frugal.reproducibility.claims.ClaimSet;
import io.frugal.reproducibility.verify.ClaimVerdict;
import io.frugal.reproducibility.verify.ReproductionReport;
import io.frugal.reproducibility.verify.Verdict;
import io.frugal.reproducibility.verify.Verification;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code frugal verify OUT}: judges the papers' claims against a run store, checks it for
 * tampering, optionally re-runs sampled runs (determinism audit), prints a verdict per claim and
 * writes OUT/report/reproduction.md and .html. Exit 0 when it could judge (claims may be
 * inconclusive), 1 when a claim was not reproduced, the store shows tampering or a re-run differs,
 * 2 on bad input (nothing written).
 */
@Command(name = "verify", description = "Judge the papers' claims against OUT; check provenance and tampering; re-run samples (--rerun K).")
final class VerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "OUT", description = "The output folder (holds plan.json).")
    Path out;

    @Option(names = "--rerun", paramLabel = "K", defaultValue = "0", description = "Re-run K sampled done runs (the trainer kinds in turn) and compare; per kind one is also stopped and resumed (default ${DEFAULT-VALUE}).")
    int rerun;

    @Option(names = "--claims", paramLabel = "FILE", description = "Also judge the claims of this file (YAML, as the built-in ones).")
    List<Path> extraClaims = new ArrayList<>();

    @Option(names = "--gpu-tolerance", defaultValue = "1e-4", description = "Largest absolute difference a GPU re-run may show (default ${DEFAULT-VALUE}); CPU re-runs must be bitwise equal.")
    double gpuTolerance;


    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        if (rerun < 0) throw new io.frugal.core.BadInputException("--rerun must be ≥ 0, got " + rerun);
        if (!(gpuTolerance >= 0) || Double.isInfinite(gpuTolerance)) {
            throw new io.frugal.core.BadInputException("--gpu-tolerance must be a finite number ≥ 0, got " + gpuTolerance);
        }
        RunStoreReader.readPlan(out); // bad input before anything is written
        List<ClaimSet> sets = new ArrayList<>(ClaimReader.builtIn());
        for (Path f : extraClaims) sets.add(ClaimReader.read(f));
        StoreSnapshot snapshot = RunStoreReader.read(out);
        List<Tampering> tampering = new TamperCheck(DigestCache.system()).check(snapshot);
        Verification v = Verification.of(snapshot, sets, tampering);
        print(o, v);
        int code = v.exitCode();
        if (rerun > 0) {
            List<RerunAudit.Check> checks = new RerunAudit(snapshot, out.resolve("audit").resolve("rerun"), gpuTolerance, o).run(rerun);
            o.println();
            o.println("determinism audit (" + checks.size() + " comparisons; CPU runs bitwise, GPU runs within " + gpuTolerance
                    + "; scratch " + out.resolve("audit").resolve("rerun") + "):");
            for (RerunAudit.Check c : checks) {
                o.println("  " + c.runId() + " " + c.kind() + " " + c.how() + ": " + (c.passed() ? "identical" : c.failed() ? "DIFFERS" : "not checked")
                        + (c.outcome() == null ? "" : " (" + c.outcome().mode() + "), " + largest(c.outcome()))
                        + (c.problem() == null ? "" : " (" + c.problem() + ")"));
                if (c.outcome() != null) c.outcome().differences().stream().limit(5).forEach(d -> o.println("      " + d));
                if (c.failed()) code = Main.FAILED;
            }
            long failed = checks.stream().filter(RerunAudit.Check::failed).count();
            double worst = checks.stream().filter(c -> c.outcome() != null).mapToDouble(c -> c.outcome().largestDifference()).max().orElse(0);
            o.println(String.format(Locale.ROOT, "determinism audit: %s; largest difference over all comparisons %s",
                    failed == 0 ? "passed" : failed + " of " + checks.size() + " comparisons FAILED", difference(worst)));
        }
        Path report = out.resolve("report");
        Files.createDirectories(report);
        Path md = ReproductionReport.write(v, report);
        o.println("reproduction report: " + md + " (and " + ReproductionReport.HTML + ")");
        return code;
    }

    private static String largest(io.frugal.reproducibility.audit.RunComparison.Outcome o) {
        return o.largestDifference() == 0 ? "largest difference 0 over " + o.fieldsCompared() + " fields"
                : "largest difference " + difference(o.largestDifference()) + " at " + o.largestAt() + " over " + o.fieldsCompared() + " fields";
    }

    private static String difference(double d) {
        return d == 0 ? "0" : String.format(Locale.ROOT, "%.3g", d);
    }

    static void print(PrintWriter o, Verification v) {
        String paper = null;
        for (ClaimVerdict c : v.covered()) {
            if (!c.paper().equals(paper)) {
                paper = c.paper();
                o.println("claims of " + paper + ":");
            }
            String seeds = c.verdict() == Verdict.INCONCLUSIVE && !Double.isNaN(c.seedsNeeded())
                    ? (Double.isInfinite(c.seedsNeeded()) ? " (no number of seeds would settle it)" : " (about " + (long) c.seedsNeeded() + " seeds per cell would settle it)")
                    : "";
            o.printf(Locale.ROOT, "  %-15s %s: %s%s%n", c.verdict().label(), c.claim().id(), c.claim().statement(), seeds);
        }
        long notCovered = v.count(Verdict.NOT_COVERED);
        o.println(v.covered().size() + " claims judged: " + v.count(Verdict.REPRODUCED) + " reproduced, " + v.count(Verdict.NOT_REPRODUCED)
                + " not reproduced, " + v.count(Verdict.INCONCLUSIVE) + " inconclusive; " + notCovered + " not covered by this store");
        if (!v.tampering().isEmpty()) {
            o.println("tampering (" + v.tampering().size() + "):");
            v.tampering().forEach(t -> o.println("  " + t));
        }
    }
}
