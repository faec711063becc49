package io.frugal.analysis.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.frugal.analysis.StoreFixture;
import io.frugal.analysis.stats.Difference;
import io.frugal.analysis.stats.Holm;
import io.frugal.analysis.store.RunRecord;
import io.frugal.analysis.store.RunStoreReader;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AggregatorTest {
    @TempDir
    Path out;

    private ResultTable table() {
        return Aggregator.aggregate(RunStoreReader.read(out));
    }

    private static CellRow row(ResultTable t, String dataset, String experiment) {
        return t.rows().stream().filter(r -> r.key().dataset().equals(dataset) && r.key().experiment().equals(experiment))
                .findFirst().orElseThrow();
    }

    @Test
    void rowsFollowThePlansDatasetThenExperimentOrder() {
        StoreFixture.twoDatasets(out);
        assertThat(table().rows()).extracting(r -> r.key().toString()).containsExactly(
                "mnist / baseline", "mnist / step-E1", "mnist / step-E2", "cifar10 / baseline", "cifar10 / step-E1");
    }

    @Test
    void top1StatisticsOverDoneRuns() {
        StoreFixture.twoDatasets(out);
        CellRow base = row(table(), "mnist", "baseline");
        assertThat(base.isBaseline()).isTrue();
        assertThat(base.finalTop1().n()).isEqualTo(3);
        assertThat(base.finalTop1().mean()).isCloseTo(0.98, within(1e-12));
        assertThat(base.finalTop1().sd()).isCloseTo(0.01, within(1e-12));
        assertThat(base.finalTop1().se()).isCloseTo(0.01 / Math.sqrt(3), within(1e-12));
        // t(0.975, 2) = 4.302652729749462 (scipy)
        assertThat(base.finalTop1().ciLow()).isCloseTo(0.98 - 4.302652729749462 * 0.01 / Math.sqrt(3), within(1e-9));
        assertThat(base.bestTop1().mean()).isCloseTo((0.975 + 0.985 + 0.99) / 3, within(1e-12));
        assertThat(base.trainSeconds().mean()).isCloseTo(110, within(1e-12));
        assertThat(base.trainSeconds().sd()).isCloseTo(10, within(1e-12));
        assertThat(base.wallSeconds().mean()).isCloseTo(140, within(1e-12));
        assertThat(base.evaluationRatio()).isEqualTo(1.0);
        assertThat(base.trainSecondsRatio()).isEqualTo(1.0);
        assertThat(base.vsBaseline()).isNull();
    }

    @Test
    void ratiosAgainstTheBaselineOfTheSameDataset() {
        StoreFixture.twoDatasets(out);
        CellRow step = row(table(), "mnist", "step-E1");
        // Data Step, p = 0.25, s = 0.25: evaluations are 7/16 of the baseline's.
        assertThat(step.evaluations()).isEqualTo(7000);
        assertThat(step.evaluationRatio()).isEqualTo(0.4375);
        assertThat(step.trainSecondsRatio()).isCloseTo(47.5 / 110, within(1e-12));
        assertThat(step.baselineKey()).isEqualTo(new CellKey("mnist", "baseline", Map.of()));
        CellRow cifar = row(table(), "cifar10", "step-E1");
        assertThat(cifar.trainSecondsRatio()).isCloseTo(95.0 / 210, within(1e-12));
    }

    @Test
    void failedAndMissingRunsAreCountedAndNamed() {
        StoreFixture.twoDatasets(out);
        ResultTable t = table();
        CellRow step = row(t, "mnist", "step-E1");
        assertThat(step.planned()).isEqualTo(3);
        assertThat(step.done()).isEqualTo(2);
        assertThat(step.failed()).isEqualTo(1);
        assertThat(step.failedRuns()).extracting(RunRecord::id).containsExactly("m-s3");
        assertThat(step.isIncomplete()).isTrue();
        CellRow e2 = row(t, "mnist", "step-E2");
        assertThat(e2.unfinished()).extracting(RunRecord::id).containsExactly("m-e2");
        assertThat(t.incompleteRows()).containsExactly(step, e2);
        assertThat(row(t, "mnist", "baseline").isIncomplete()).isFalse();
    }

    @Test
    void aCellWithOneRunHasNoSpreadAndNoTest() {
        StoreFixture.twoDatasets(out);
        CellRow e2 = row(table(), "mnist", "step-E2");
        assertThat(e2.finalTop1().mean()).isEqualTo(0.94);
        assertThat(e2.finalTop1().sd()).isNaN();
        assertThat(e2.finalTop1().ciLow()).isNaN();
        assertThat(e2.vsBaseline().delta()).isCloseTo(-0.04, within(1e-12));
        assertThat(e2.vsBaseline().pValue()).isNaN();
        assertThat(e2.pHolm()).isNaN();
    }

    @Test
    void pValuesAreHolmAdjustedAcrossTheComparedRows() {
        StoreFixture.twoDatasets(out);
        ResultTable t = table();
        double pMnist = Difference.welch(new double[] {0.95, 0.96}, new double[] {0.97, 0.98, 0.99}).pValue();
        double pCifar = Difference.welch(new double[] {0.66, 0.69}, new double[] {0.70, 0.74}).pValue();
        double[] holm = Holm.adjust(new double[] {pMnist, pCifar});
        assertThat(row(t, "mnist", "step-E1").vsBaseline().pValue()).isEqualTo(pMnist);
        assertThat(row(t, "mnist", "step-E1").pHolm()).isEqualTo(holm[0]);
        assertThat(row(t, "cifar10", "step-E1").pHolm()).isEqualTo(holm[1]);
        double[] rankHolm = Holm.adjust(new double[] {0.2, 1.0 / 3});
        assertThat(row(t, "mnist", "step-E1").rankPHolm()).isCloseTo(rankHolm[0], within(1e-15));
        assertThat(row(t, "cifar10", "step-E1").rankPHolm()).isCloseTo(rankHolm[1], within(1e-15));
        // Two tests: the smaller p is doubled.
        assertThat(Math.min(holm[0], holm[1])).isCloseTo(2 * Math.min(pMnist, pCifar), within(1e-15));
    }

    @Test
    void evaluationsComeFromThePlanWhileNoRunIsDone() {
        new StoreFixture(out).planned("b1", "mnist", "baseline", 1, 16000).planned("s1", "mnist", "step-E1", 1, 7000)
                .write();
        CellRow step = row(table(), "mnist", "step-E1");
        assertThat(step.evaluationsFromPlan()).isTrue();
        assertThat(step.evaluationRatio()).isEqualTo(0.4375);
        assertThat(step.finalTop1().mean()).isNaN();
        assertThat(step.trainSecondsRatio()).isNaN();
    }

    @Test
    void matrixCellsCompareWithTheBaselineOfTheSameValues() {
        new StoreFixture(out)
                .planned("b-half", "mnist", "baseline", 1, 16000, Map.of("width", 0.5))
                .planned("b-full", "mnist", "baseline", 1, 16000, Map.of("width", 1))
                .planned("s-half", "mnist", "step-E1", 1, 7000, Map.of("width", 0.5))
                .planned("s-full", "mnist", "step-E1", 1, 7000, Map.of("width", 1))
                .done("b-half", 0.9, 0.9, 16000, 50, 60).done("b-full", 0.95, 0.95, 16000, 100, 120)
                .done("s-half", 0.88, 0.88, 7000, 25, 30).done("s-full", 0.93, 0.93, 7000, 40, 50)
                .write();
        ResultTable t = table();
        assertThat(t.hasMatrix()).isTrue();
        CellRow sFull = t.rows().stream().filter(r -> r.key().experiment().equals("step-E1")
                && r.key().matrix().get("width").equals("1")).findFirst().orElseThrow();
        assertThat(sFull.baselineKey().matrix()).containsEntry("width", "1");
        assertThat(sFull.trainSecondsRatio()).isCloseTo(0.4, within(1e-12));
        assertThat(sFull.vsBaseline().delta()).isCloseTo(-0.02, within(1e-12));
    }

    @Test
    void axesOnlyTheReducedSchedulesVaryCompareWithTheDatasetsOneBaseline() {
        new StoreFixture(out)
                .planned("b", "mnist", "baseline", 1, 16000)
                .planned("s25", "mnist", "step-E1", 1, 7000, Map.of("start_fraction", 0.25))
                .planned("s75", "mnist", "step-E1", 1, 13000, Map.of("start_fraction", 0.75))
                .write();
        ResultTable t = table();
        assertThat(t.rows()).extracting(CellRow::evaluationRatio).containsExactly(1.0, 0.4375, 0.8125);
    }

    @Test
    void withoutABaselineThereAreNoRatiosOrDifferences() {
        StoreFixture f = StoreFixture.twoDatasets(out);
        f.plan().putNull("baseline");
        f.write();
        ResultTable t = table();
        assertThat(t.baseline()).isNull();
        assertThat(t.rows()).allSatisfy(r -> {
            assertThat(r.isBaseline()).isFalse();
            assertThat(r.evaluationRatio()).isNaN();
            assertThat(r.vsBaseline()).isNull();
        });
    }

    @Test
    void slurmAccountingPerCell() {
        StoreFixture.twoDatasets(out)
                // mnist baseline: all three done runs accounted, one requeued once (elapsed over both attempts)
                .slurm("m-b1", 0, 100, 100, 10).slurm("m-b2", 1, 60, 140, 20).slurm("m-b3", 0, 120, 120, -1)
                // mnist step-E1: one of its two done runs accounted
                .slurm("m-s1", 2, 30, 90, 4);
        ResultTable t = table();
        assertThat(t.hasAccounting()).isTrue();
        CellAccounting base = row(t, "mnist", "baseline").accounting();
        assertThat(base.accounted()).isEqualTo(3);
        assertThat(base.done()).isEqualTo(3);
        assertThat(base.isPartial()).isFalse();
        assertThat(base.elapsedSeconds().n()).isEqualTo(3);
        assertThat(base.elapsedSeconds().mean()).isCloseTo(120, within(1e-12));
        assertThat(base.elapsedSeconds().sd()).isCloseTo(20, within(1e-12));
        // a wait SLURM did not know (-1) is left out of the queue figures, not counted as zero
        assertThat(base.queueWaitSeconds().n()).isEqualTo(2);
        assertThat(base.queueWaitSeconds().mean()).isCloseTo(15, within(1e-12));
        assertThat(base.restarts()).isEqualTo(1);
        CellAccounting step = row(t, "mnist", "step-E1").accounting();
        assertThat(step.accounted()).isEqualTo(1);
        assertThat(step.done()).isEqualTo(2);
        assertThat(step.isPartial()).isTrue();
        assertThat(step.elapsedSeconds().mean()).isCloseTo(90, within(1e-12));
        assertThat(step.restarts()).isEqualTo(2);
        CellAccounting cifar = row(t, "cifar10", "baseline").accounting();
        assertThat(cifar.accounted()).isZero();
        assertThat(cifar.elapsedSeconds().n()).isZero();
    }

    @Test
    void localRunsHaveNoAccounting() {
        StoreFixture.twoDatasets(out);
        ResultTable t = table();
        assertThat(t.hasAccounting()).isFalse();
        assertThat(t.rows()).allSatisfy(r -> assertThat(r.accounting().accounted()).isZero());
    }
}
