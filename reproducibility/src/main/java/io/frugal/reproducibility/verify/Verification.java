package io.frugal.reproducibility.verify;

import io.frugal.analysis.store.StoreSnapshot;
import io.frugal.reproducibility.audit.Tampering;
import io.frugal.reproducibility.claims.Claim;
import io.frugal.reproducibility.claims.ClaimSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Everything {@code frugal verify} found: each claim's verdict, the deviations per paper covered, and tampering. */
public record Verification(StoreSnapshot snapshot, List<ClaimSet> sets, List<ClaimVerdict> verdicts,
        Map<String, List<String>> deviations, List<Tampering> tampering) {

    public static Verification of(StoreSnapshot snapshot, List<ClaimSet> sets, List<Tampering> tampering) {
        ClaimJudge judge = new ClaimJudge(snapshot);
        List<ClaimVerdict> verdicts = new ArrayList<>();
        Map<String, List<String>> deviations = new LinkedHashMap<>();
        for (ClaimSet set : sets) {
            Set<String> experiments = new LinkedHashSet<>();
            for (Claim c : set.claims()) {
                ClaimVerdict v = judge.judge(set.paper(), c);
                verdicts.add(v);
                if (v.verdict() != Verdict.NOT_COVERED) {
                    snapshot.runs().stream().filter(r -> c.cells().matches(r.planned().dataset(), r.planned().experiment(),
                            r.planned().matrixLabels())).forEach(r -> experiments.add(r.planned().experiment()));
                }
            }
            // a store made from this paper's manifest deviates from the paper even where no claim covers it yet
            if (experiments.isEmpty() && set.source() != null && set.source().equals(snapshot.plan().source())) {
                snapshot.runs().forEach(r -> experiments.add(r.planned().experiment()));
            }
            if (!experiments.isEmpty()) {
                // the baseline's runs are part of what was reproduced too
                if (snapshot.plan().baseline() != null) experiments.add(snapshot.plan().baseline());
                deviations.put(set.paper(), Deviations.of(set, snapshot, experiments));
            }
        }
        return new Verification(snapshot, sets, verdicts, deviations, tampering);
    }

    public List<ClaimVerdict> covered() {
        return verdicts.stream().filter(v -> v.verdict() != Verdict.NOT_COVERED).toList();
    }

    public long count(Verdict v) {
        return verdicts.stream().filter(x -> x.verdict() == v).count();
    }

    /**
     * 1 when a claim was not reproduced or the store shows tampering; 0 otherwise. Inconclusive is
     * not a failure, nor is a run without provenance (stores from before frugal recorded it): it is
     * listed, since its data and code cannot be checked.
     */
    public int exitCode() {
        boolean tampered = tampering.stream().anyMatch(t -> t.kind() != Tampering.Kind.PROVENANCE_MISSING);
        return count(Verdict.NOT_REPRODUCED) > 0 || tampered ? 1 : 0;
    }
}
