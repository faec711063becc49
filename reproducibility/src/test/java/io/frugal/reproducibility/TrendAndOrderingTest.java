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

/**
 * Trend claims along a matrix axis or a reported result field (the flow claims along d), and
 * orderings paired by matrix values or by what a {@code *} in the cells matched (ReLA's budgets).
 */
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

    @Test
    void aTrendAlongAResultFieldIsFittedAcrossTheRunsThatReportIt() throws Exception {
        // a sweep by dataset (the flow mixture's gaussian-mixture-dN): no matrix axis, the runs report their dimension
        Store s = new Store(tmp).experiment("uniform");
        long seed = 1;
        for (double d : new double[] {100, 1000, 10000}) {
            for (int k = 0; k < 2; k++) {
                String id = s.done("uniform", seed++, 0.8 - 0.1 * Math.log10(d / 100) + (k == 0 ? 0.002 : -0.002), 480, 10);
                Path result = s.dir(id).resolve("result.json");
                Json.writeAtomically(result, ((com.fasterxml.jackson.databind.node.ObjectNode) Json.read(result)).put("dimension", d));
            }
        }
        s.write();
        ClaimSet claims = claims("""
                  - {id: drifts, kind: trend, statement: s, quantity: final_top1, axis: dimension, log_axis: true, direction: any,
                     unit: per decade, tolerance: 0.02, source: text, cells: {experiment: uniform}}
                  - {id: no-such-axis, kind: trend, statement: s, quantity: final_top1, axis: width, direction: any,
                     unit: per unit, tolerance: 0.02, source: text, cells: {experiment: uniform}}
                """);
        Verification v = Verification.of(RunStoreReader.read(s.root), List.of(claims), List.of());
        ClaimVerdict drifts = get(v, "drifts");
        assertThat(drifts.verdict()).isEqualTo(Verdict.REPRODUCED);
        assertThat(drifts.cells()).singleElement().satisfies(c -> {
            assertThat(c.n()).isEqualTo(6);
            assertThat(c.cell()).contains("along dimension (result field");
            assertThat(c.interval().estimate()).isCloseTo(-0.1, org.assertj.core.data.Offset.offset(1e-12));
        });
        // an axis that is neither a matrix axis nor reported by the runs: nothing to fit along
        assertThat(get(v, "no-such-axis").verdict()).isEqualTo(Verdict.NOT_COVERED);
    }

    @Test
    void aStarInTheCellsNamesTheReferenceOfTheSameBudget() throws Exception {
        Store s = new Store(tmp).experiment("rela-random-r20").experiment("byol-r20").experiment("rela-random-r50").experiment("byol-r50");
        for (int seed = 1; seed <= 3; seed++) {
            double noise = 0.001 * seed;
            s.done("byol-r20", seed, 0.60 + noise, 96, 10);
            s.done("rela-random-r20", seed, 0.70 + noise, 96, 10);  // beats the 20 % BYOL
            s.done("byol-r50", seed, 0.80 + noise, 240, 10);
            s.done("rela-random-r50", seed, 0.75 + noise, 240, 10); // loses to the 50 % BYOL, beats the 20 % one
        }
        s.write();
        ClaimSet claims = claims("""
                  - {id: beats, kind: ordering, statement: s, quantity: final_top1, direction: greater, unit: fraction,
                     tolerance: 0, source: text, cells: {experiment: ["rela-random-*"]}, reference: {experiment: "byol-*"}}
                """);
        ClaimVerdict beats = get(Verification.of(RunStoreReader.read(s.root), List.of(claims), List.of()), "beats");
        assertThat(beats.cells()).extracting(c -> c.reference()).allSatisfy(r -> assertThat(r).containsAnyOf("byol-r20", "byol-r50"));
        assertThat(beats.cells()).extracting(c -> c.cell().contains("r20") + "/" + c.reference().contains("r20") + " " + c.verdict())
                .containsExactlyInAnyOrder("true/true REPRODUCED", "false/false NOT_REPRODUCED");
        assertThat(beats.verdict()).isEqualTo(Verdict.NOT_REPRODUCED);
    }

    /** A claims file of the given claims (YAML list items). */
    private static ClaimSet claims(String items) {
        return ClaimReader.read("paper: test\ntitle: t\nsource: s\nclaims:\n" + items, "test.yaml");
    }

    private static ClaimVerdict get(Verification v, String id) {
        return v.verdicts().stream().filter(c -> c.claim().id().equals(id)).findFirst().orElseThrow();
    }
}
