package io.frugal.analysis.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.frugal.analysis.StoreFixture;
import io.frugal.analysis.stats.Difference;
import io.frugal.analysis.stats.RankTest;
import io.frugal.analysis.store.RunState;
import io.frugal.analysis.table.CellRow;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The four defects found when the report was checked against an independent computation, at the
 * level a user meets them: the tables and files of {@code frugal report}.
 */
class ReportDefectsTest {
    @TempDir
    Path out;

    private static CellRow row(Report r, String dataset, String experiment) {
        return r.table().rows().stream().filter(c -> c.key().dataset().equals(dataset) && c.key().experiment().equals(experiment))
                .findFirst().orElseThrow();
    }

    /** Runs d-e-s1..n of one cell, with these primary values (best = final). */
    private static StoreFixture cell(StoreFixture f, String dataset, String experiment, double... values) {
        for (int i = 0; i < values.length; i++) {
            String id = dataset.charAt(0) + "-" + experiment + "-" + (i + 1);
            f.planned(id, dataset, experiment, i + 1, 4000).done(id, values[i], values[i], 4000, 10, 12);
        }
        return f;
    }

    /**
     * Defect 1: a row without a Welch p (no spread on either side) and a 12-against-12 row (too
     * many splits to count) are members of the Holm family; before, they were dropped and the
     * other rows were adjusted over too small a family.
     */
    @Test
    void everyComparedRowIsInTheHolmFamilyTheFootnoteNames() {
        StoreFixture f = new StoreFixture(out);
        cell(f, "mnist", "baseline", 0.70, 0.70, 0.70);
        cell(f, "mnist", "step-E1", 0.70, 0.70, 0.70);
        double[] base = new double[12];
        double[] step = new double[12];
        for (int i = 0; i < 12; i++) {
            base[i] = 0.60 + 0.01 * i;
            step[i] = 0.605 + 0.01 * i;
        }
        cell(f, "cifar10", "baseline", base);
        cell(f, "cifar10", "step-E1", step);
        f.write();
        Report report = Report.of(out);
        assertThat(report.table().holmFamilySize()).isEqualTo(2);
        CellRow flat = row(report, "mnist", "step-E1");
        CellRow large = row(report, "cifar10", "step-E1");
        assertThat(flat.vsBaseline().pValue()).isNaN();
        assertThat(flat.pHolm()).isNaN();
        assertThat(flat.vsBaseline().rankP()).isEqualTo(1.0);
        assertThat(large.vsBaseline().rankMethod()).isEqualTo(RankTest.Method.NORMAL_APPROXIMATION);
        Difference d = Difference.welch(step, base);
        // m = 2: the smaller p doubled, not left as it is (a family of 1)
        assertThat(large.pHolm()).isEqualTo(Math.min(1, 2 * d.pValue()));
        assertThat(large.rankPHolm()).isEqualTo(Math.min(1, 2 * d.rankP()));
        String md = new MarkdownRenderer().render(report);
        assertThat(md).contains("Holm-adjusted over the family of the 2 rows of this table");
        assertThat(md).contains(MarkdownRenderer.APPROXIMATE_MARK + Numbers.pValue(large.rankPHolm()));
        List<Map<String, String>> csv = MachineFormatsTest.parseCsv(new CsvRenderer().render(report));
        assertThat(csv.get(1)).containsEntry("rank_method", "exact").containsEntry("holm_family_size", "2");
        assertThat(csv.get(3)).containsEntry("rank_method", "normal_approximation");
    }

    /**
     * Defect 2: three runs at 0.7015 have mean exactly 0.7015 and sd exactly 0; against a baseline
     * of identical values there is no Welch interval, df or p, in every format alike.
     */
    @Test
    void identicalValuesHaveExactMeanZeroSpreadAndNoWelchTest() {
        StoreFixture f = new StoreFixture(out);
        cell(f, "mnist", "baseline", 0.7015, 0.7015, 0.7015);
        cell(f, "mnist", "step-E1", 0.7001, 0.7001, 0.7001);
        f.write();
        Report report = Report.of(out);
        CellRow base = row(report, "mnist", "baseline");
        assertThat(base.finalTop1().mean()).isEqualTo(0.7015);
        assertThat(base.finalTop1().sd()).isEqualTo(0.0);
        assertThat(base.finalTop1().ciLow()).isEqualTo(0.7015);
        Difference d = row(report, "mnist", "step-E1").vsBaseline();
        assertThat(d.ciLow()).isNaN();
        assertThat(d.df()).isNaN();
        assertThat(d.pValue()).isNaN();
        assertThat(d.rankP()).isCloseTo(0.1, within(1e-15));
        Map<String, String> csv = MachineFormatsTest.parseCsv(new CsvRenderer().render(report)).get(1);
        assertThat(csv).containsEntry("delta_ci_low", "").containsEntry("welch_df", "").containsEntry("p_welch", "")
                .containsEntry("p_holm", "").containsEntry("hedges_g", "").containsEntry("power_seeds_per_arm", "");
        assertThat(MachineFormatsTest.parseCsv(new CsvRenderer().render(report)).get(0)).containsEntry("final_top1_mean", "0.7015")
                .containsEntry("final_top1_sd", "0");
        String mdRow = new MarkdownRenderer().render(report).lines().filter(l -> l.startsWith("| mnist   | step-E1")).findFirst()
                .orElseThrow();
        assertThat(mdRow).contains("|      -0.14 |      n/a |      n/a |");
    }

    /**
     * Defect 3: the Welch interval is solved to full double accuracy. SciPy 1.x
     * ({@code ttest_ind(a, b, equal_var=False).confidence_interval()}) on these values gives
     * [-0.0006363259802830225, 0.0011029926469498597], df 2.876404494382292.
     */
    @Test
    void welchIntervalMatchesSciPyToTwelveDigits() {
        StoreFixture f = new StoreFixture(out);
        cell(f, "mnist", "baseline", 0.7100, 0.7102, 0.7104);
        cell(f, "mnist", "step-E1", 0.7101, 0.7103, 0.7109);
        f.write();
        Map<String, String> csv = MachineFormatsTest.parseCsv(new CsvRenderer().render(Report.of(out))).get(1);
        assertThat(Double.parseDouble(csv.get("delta_ci_low"))).isCloseTo(-0.0006363259802830225, within(1e-12 * 6.4e-4));
        assertThat(Double.parseDouble(csv.get("delta_ci_high"))).isCloseTo(0.0011029926469498597, within(1e-12 * 1.1e-3));
        assertThat(Double.parseDouble(csv.get("welch_df"))).isCloseTo(2.876404494382292, within(1e-12 * 2.9));
        assertThat(Double.parseDouble(csv.get("p_welch"))).isCloseTo(0.44848665059836457, within(1e-9 * 0.45));
    }

    /**
     * Defect 4: a result.json with a duplicated key, or with best below final, is not counted; the
     * report says why.
     */
    @Test
    void duplicatedKeysAndBestBelowFinalAreLeftOutWithTheirReason() {
        StoreFixture f = StoreFixture.twoDatasets(out);
        f.file("m-b1", "result.json", """
                {"status": "done", "run_id": "m-b1", "experiment": "baseline", "dataset": "mnist", "seed": 1,
                 "epochs": 2, "final_top1": 0.10, "final_top1": 0.97, "best_top1": 0.975, "best_epoch": 2,
                 "evaluations": 16000, "planned_evaluations": 16000, "train_seconds": 100, "eval_seconds": 1.5,
                 "wall_seconds": 130, "resumes": 0, "finished_at": "2025-01-01T00:00:00Z"}
                """);
        f.done("m-b2", 0.98, 0.90, 16000, 110, 140);
        Report report = Report.of(out);
        CellRow base = row(report, "mnist", "baseline");
        assertThat(base.done()).isEqualTo(1);
        assertThat(base.runs().stream().filter(r -> r.state() == RunState.CORRUPT)).hasSize(2);
        assertThat(report.snapshot().problems()).anySatisfy(p -> assertThat(p).startsWith("run m-b1: result.json")
                .containsIgnoringCase("duplicate"));
        assertThat(report.snapshot().problems()).anySatisfy(p -> assertThat(p).startsWith("run m-b2: result.json")
                .contains("best_top1"));
        assertThat(base.finalTop1().mean()).isEqualTo(0.99);
    }
}
