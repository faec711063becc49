package io.frugal.reproducibility;

import static org.assertj.core.api.Assertions.assertThat;

import io.frugal.analysis.store.RunStoreReader;
import io.frugal.core.store.RunDirectory;
import io.frugal.reproducibility.claims.ClaimReader;
import io.frugal.reproducibility.energy.EnergyFile;
import io.frugal.reproducibility.energy.EnergyReading;
import io.frugal.reproducibility.energy.GridIntensity;
import io.frugal.reproducibility.verify.CellJudgement;
import io.frugal.reproducibility.verify.ClaimVerdict;
import io.frugal.reproducibility.verify.ReproductionReport;
import io.frugal.reproducibility.verify.Verdict;
import io.frugal.reproducibility.verify.Verification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerdictTest {
    @TempDir
    Path tmp;

    private Verification verify(Store s) {
        s.write();
        var snapshot = RunStoreReader.read(s.root);
        return Verification.of(snapshot, ClaimReader.builtIn(), List.of());
    }

    private static ClaimVerdict claim(Verification v, String id) {
        return v.verdicts().stream().filter(c -> c.claim().id().equals(id)).findFirst().orElseThrow();
    }

    private Store baselineAndE7(double[] base, double[] e7) throws Exception {
        Store s = new Store(tmp).experiment("step-E7");
        for (int i = 0; i < base.length; i++) s.done("baseline", i + 1, base[i], 480, 10);
        for (int i = 0; i < e7.length; i++) s.done("step-E7", i + 1, e7[i], 450, 10 * 0.9375);
        return s;
    }

    @Test
    void differenceInsideTheMarginIsReproduced() throws Exception {
        // Δ = 0.0003, Welch se = sqrt(2 * 1e-6 / 3) = 0.000816, df 4, t(0.95) = 2.132: 90% CI of Δ − 0.00018
        // is 0.00012 ± 0.00174, inside ±0.005
        Verification v = verify(baselineAndE7(new double[] {0.800, 0.801, 0.802}, new double[] {0.8003, 0.8013, 0.8023}));
        ClaimVerdict c = claim(v, "accuracy-step-E7-mnist");
        assertThat(c.verdict()).isEqualTo(Verdict.REPRODUCED);
        CellJudgement j = c.cells().get(0);
        assertThat(j.interval().estimate()).isCloseTo(0.00012, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(j.interval().high() - j.interval().estimate()).isCloseTo(2.131847 * Math.sqrt(2e-6 / 3), org.assertj.core.data.Offset.offset(1e-7));
        assertThat(j.method()).contains("ε rule");
        // the other datasets' E7 claims have no cells here
        assertThat(claim(v, "accuracy-step-E7-cifar10").verdict()).isEqualTo(Verdict.NOT_COVERED);
        // runtime 0.9375 of the baseline for 0.9375 of the evaluations
        assertThat(claim(v, "runtime-follows-evaluations").verdict()).isEqualTo(Verdict.REPRODUCED);
        assertThat(claim(v, "evaluations-step-E7").verdict()).isEqualTo(Verdict.REPRODUCED);
        assertThat(v.exitCode()).isZero();
    }

    @Test
    void differenceFarOutsideTheMarginIsNotReproducedAndFailsVerify() throws Exception {
        Verification v = verify(baselineAndE7(new double[] {0.800, 0.801, 0.802}, new double[] {0.770, 0.771, 0.772}));
        assertThat(claim(v, "accuracy-step-E7-mnist").verdict()).isEqualTo(Verdict.NOT_REPRODUCED);
        assertThat(v.exitCode()).isEqualTo(1);
    }

    @Test
    void wideSpreadIsInconclusiveWithTheSeedsThatWouldSettleIt() throws Exception {
        Verification v = verify(baselineAndE7(new double[] {0.78, 0.80, 0.82}, new double[] {0.79, 0.81, 0.80}));
        ClaimVerdict c = claim(v, "accuracy-step-E7-mnist");
        assertThat(c.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(c.seedsNeeded()).isGreaterThan(3).isFinite();
        assertThat(v.exitCode()).isZero();
    }

    @Test
    void carbonClaimIsJudgedFromEnergyFiles() throws Exception {
        Store s = baselineAndE7(new double[] {0.800, 0.801, 0.802}, new double[] {0.8003, 0.8013, 0.8023});
        GridIntensity grid = new GridIntensity(400, "stated");
        for (String id : s.ids) {
            boolean base = s.ids.indexOf(id) < 3;
            double kwh = (base ? 1.0 : 0.5) * 1e-3; // half the energy for 0.9375 of the evaluations: not in proportion
            EnergyFile.append(new RunDirectory(s.dir(id)), new EnergyReading("cpu-seconds", kwh, 20, 10, null, null, 0, 30,
                    "2026-12-01T20:00:00Z", "2026-12-01T20:00:30Z", "stated"), grid);
        }
        Verification v = verify(s);
        assertThat(claim(v, "carbon-follows-evaluations").verdict()).isEqualTo(Verdict.NOT_REPRODUCED);
        Path md = ReproductionReport.write(v, Files.createDirectories(tmp.resolve("report")));
        String text = Files.readString(md);
        assertThat(text).contains("## Deviations from the paper", "**fashion-mnist for mnist**", "**epochs**: 2 (paper: 300)",
                "**model.width**: 0.125 (paper: 1.0)", "Data Cut (k): our reading", "## Energy and CO2", "cpu-seconds",
                "## What was easy and what was hard");
        assertThat(Files.readString(tmp.resolve("report").resolve(ReproductionReport.HTML))).contains("<table>", "not-reproduced");
    }
}
