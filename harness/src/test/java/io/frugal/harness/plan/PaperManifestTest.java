package io.frugal.harness.plan;

import io.frugal.core.store.Plan;
import io.frugal.core.store.PlannedRun;
import io.frugal.core.store.RunIds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.frugal.harness.manifest.Cli;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** manifests/data-reduction.yaml plans the paper's grid with the paper's evaluation ratios. */
class PaperManifestTest {
    private static final Path MANIFEST = Cli.repoManifest("data-reduction.yaml");
    private static final Plan PAPER = Planner.plan(MANIFEST, null, List.of());
    /** Data Step E1-E9: the paper's table of evaluations / baseline. */
    private static final double[] STEP_RATIOS = {0.8125, 0.6250, 0.4375, 0.8750, 0.7500, 0.6250, 0.9375, 0.8750, 0.8125};

    @Test
    void theGridIsThreeDatasetsTimesTwentyEightExperimentsTimesFiveSeeds() {
        assertThat(PAPER.runs()).hasSize(3 * 28 * 5);
        assertThat(PAPER.datasets()).containsExactly("mnist", "cifar10", "smallnorb");
        assertThat(PAPER.seeds()).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(PAPER.baseline()).isEqualTo("baseline");
        assertThat(PAPER.experiments()).hasSize(28);
        assertThat(PAPER.experiments().get(0).id()).isEqualTo("baseline");
        assertThat(PAPER.experiments().get(1).id()).isEqualTo("step-E1");
        assertThat(PAPER.experiments().get(10).id()).isEqualTo("increment-E1");
        assertThat(PAPER.experiments().get(19).id()).isEqualTo("cut-E1");
        assertThat(PAPER.runs().stream().map(PlannedRun::id).distinct()).hasSize(420);
        PlannedRun first = PAPER.runs().get(0);
        assertThat(first.config().get("epochs").intValue()).isEqualTo(300);
        assertThat(first.config().get("batch_size").intValue()).isEqualTo(120);
        assertThat(first.config().at("/optimizer/lr").doubleValue()).isEqualTo(1e-3);
        assertThat(first.config().at("/optimizer/decay_per_epoch").doubleValue()).isEqualTo(0.98);
        assertThat(first.config().at("/optimizer/lr_floor").doubleValue()).isEqualTo(1e-7);
        assertThat(first.config().get("ema_decay").doubleValue()).isEqualTo(0.999);
        assertThat(first.config().at("/model/width").doubleValue()).isEqualTo(1.0);
        assertThat(first.config().at("/resources/gpus").intValue()).isEqualTo(1);
    }

    @Test
    void dataStepPlansExactlyThePapersRatioOfEvaluations() {
        for (PlannedRun r : PAPER.runs()) {
            if (!r.experiment().startsWith("step-E")) continue;
            double ratio = STEP_RATIOS[Integer.parseInt(r.experiment().substring("step-E".length())) - 1];
            long n = r.detail("train_size").asLong();
            assertThat(r.plannedEvaluations()).as(r.experiment() + " " + r.dataset())
                    .isEqualTo(Math.round(n * 300 * ratio)).isEqualTo((long) (n * 300 * ratio));
            assertThat(r.baselineEvaluations()).isEqualTo(n * 300);
            assertThat(r.evaluationRatio()).isEqualTo(ratio);
        }
    }

    @Test
    void incrementAndCutPlanKPlusOneOverTwoKWithinTheRoundingOfSectionBoundaries() {
        int checked = 0;
        for (PlannedRun r : PAPER.runs()) {
            String e = r.experiment();
            if (!e.startsWith("increment-E") && !e.startsWith("cut-E")) continue;
            int k = Integer.parseInt(e.substring(e.indexOf("-E") + 2)) + 1;
            int epochs = r.detail("epochs").asInt();
            // each of the k-1 inner boundaries moves by at most half an epoch, which changes the data
            // of that epoch by 1/k; each epoch's image count is rounded by at most half an image
            double bound = (k - 1) / (2.0 * k * epochs) + 1.0 / (2.0 * r.detail("train_size").asLong());
            assertThat(r.evaluationRatio()).as(e + " " + r.dataset()).isCloseTo((k + 1) / (2.0 * k), within(bound));
            checked++;
        }
        assertThat(checked).isEqualTo(18 * 3 * 5);
    }

    @Test
    void trainSizesAreTheDatasetsPublishedSizes() {
        Map<String, Integer> sizes = PAPER.runs().stream()
                .collect(Collectors.toMap(PlannedRun::dataset, (PlannedRun p) -> p.detail("train_size").asInt(), (a, b) -> a));
        assertThat(sizes).containsExactlyInAnyOrderEntriesOf(Map.of("mnist", 60_000, "cifar10", 50_000, "smallnorb", 24_300));
    }

    @Test
    void theSmokeProfileIsSmallAndGivesEverySectionAnEpoch() {
        Plan smoke = Planner.plan(MANIFEST, "smoke", List.of());
        assertThat(smoke.runs()).hasSize(3 * 28 * 2);
        assertThat(smoke.profile()).isEqualTo("smoke");
        for (PlannedRun r : smoke.runs()) {
            assertThat(r.detail("epochs").asInt()).isGreaterThanOrEqualTo(10);
            assertThat(r.detail("train_size").asLong()).isEqualTo(1000);
            assertThat(r.config().get("test_limit").intValue()).isEqualTo(500);
            assertThat(r.config().at("/model/width").doubleValue()).isEqualTo(0.125);
            assertThat(r.config().at("/resources/gpus").intValue()).isZero();
            // the rest of the paper setup stays as it was
            assertThat(r.config().get("batch_size").intValue()).isEqualTo(120);
        }
        Plan cpuSmall = Planner.plan(MANIFEST, "cpu-small", List.of());
        assertThat(cpuSmall.totalPlannedEvaluations()).isLessThan(PAPER.totalPlannedEvaluations() / 50);
    }

    @Test
    void theSmokeProfileRunsOnFashionMnistWithOneOverride() {
        Plan plan = Planner.plan(MANIFEST, "smoke", List.of("datasets=[fashion-mnist]"));
        assertThat(plan.runs()).hasSize(28 * 2);
        assertThat(plan.runs()).allSatisfy(r -> assertThat(r.dataset()).isEqualTo("fashion-mnist"));
        assertThat(plan.overrides()).containsExactly("datasets=[fashion-mnist]");
    }
}
