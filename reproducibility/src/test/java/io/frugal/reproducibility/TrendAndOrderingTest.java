package io.frugal.reproducibility;

import static org.assertj.core.api.Assertions.assertThat;

import io.frugal.analysis.store.RunStoreReader;
import io.frugal.core.store.Json;
import io.frugal.reproducibility.claims.ClaimReader;
import io.frugal.reproducibility.claims.ClaimSet;
import io.frugal.reproducibility.verify.ClaimVerdict;
import io.frugal.reproducibility.verify.Verdict;
import io.frugal.reproducibility.verify.Verification;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trend claims along a matrix axis (as the flow claims use along d) and orderings paired by matrix values (as ReLA's budgets). */
class TrendAndOrderingTest {
    @TempDir
    Path tmp;

    private static final ClaimSet CLAIMS = ClaimReader.read("""
            paper: test
            title: t
            source: s
            claims:
              - {id: drifts, kind: trend, statement: s, quantity: final_top1, axis: d, log_axis: true, direction: any,
                 unit: per decade, tolerance: 0.02, source: text, cells: {experiment: uniform}}
              - {id: flat, kind: trend, statement: s, quantity: final_top1, axis: d, log_axis: true, direction: none,
                 unit: per decade, tolerance: 0.02, source: text, cells: {experiment: dilated}}
              - {id: beats, kind: ordering, statement: s, quantity: final_top1, direction: greater, unit: fraction,
                 tolerance: 0, source: text, cells: {experiment: dilated}, reference: {experiment: uniform}}
            """, "test.yaml");

    @Test
    void slopesAlongTheAxisAndOrderingsAtEqualMatrixValuesAreJudged() throws Exception {
        Store s = new Store(tmp).experiment("uniform").experiment("dilated");
        double[] ds = {100, 1000, 10000};
        for (int i = 0; i < ds.length; i++) {
            for (int seed = 1; seed <= 2; seed++) {
                var m = Json.object().put("d", (long) ds[i]);
                double noise = seed == 1 ? 0.002 : -0.002;
                s.done("uniform", seed, 0.8 - 0.1 * i + noise, 480, 10, m); // drifts 10 points per decade
                s.done("dilated", seed, 0.8 + noise, 480, 10, m);          // flat
            }
        }
        s.write();
        Verification v = Verification.of(RunStoreReader.read(s.root), List.of(CLAIMS), List.of());
        ClaimVerdict drifts = get(v, "drifts");
        assertThat(drifts.verdict()).isEqualTo(Verdict.REPRODUCED);
        assertThat(drifts.cells()).singleElement().satisfies(c -> {
            assertThat(c.n()).isEqualTo(6);
            assertThat(c.interval().estimate()).isCloseTo(-0.1, org.assertj.core.data.Offset.offset(1e-12));
        });
        assertThat(get(v, "flat").verdict()).isEqualTo(Verdict.REPRODUCED);
        // dilated beats uniform at d = 1000 and 10000 but ties at d = 100: a tie with spread is inconclusive
        ClaimVerdict beats = get(v, "beats");
        assertThat(beats.cells()).hasSize(3);
        assertThat(beats.cells()).extracting(c -> c.verdict()).containsExactly(Verdict.INCONCLUSIVE, Verdict.REPRODUCED, Verdict.REPRODUCED);
        assertThat(beats.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    }

    private static ClaimVerdict get(Verification v, String id) {
        return v.verdicts().stream().filter(c -> c.claim().id().equals(id)).findFirst().orElseThrow();
    }
}
