package io.frugal.methods.rela;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frugal.core.config.ConfigProblem;
import io.frugal.core.kind.CommonConfig;
import io.frugal.core.kind.PlannedCost;
import io.frugal.core.kind.TrainerKinds;
import io.frugal.core.store.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class ByolConfigTest {
    static ObjectNode base() {
        return (ObjectNode) Json.parse("""
                {"experiment": "e", "dataset": "fashion-mnist", "seed": 1, "trainer": "byol", "epochs": 4, "budget": 0.2,
                 "train_limit": 1000}""");
    }

    static List<String> problems(ObjectNode c) {
        return CommonConfig.check(c).stream().map(ConfigProblem::toString).toList();
    }

    @Test
    void defaultsAreThePapersSettings() {
        ByolConfig c = ByolConfig.parse(base());
        assertThat(c.optimizer()).isEqualTo(new ByolConfig.Optimizer("adamw", 1e-3, 0.01, 0.9, 0.999, 1e-8));
        assertThat(c.emaMomentum()).isEqualTo(0.99);
        assertThat(c.probe()).isEqualTo(new ByolConfig.Probe(100, 3e-4, 128));
        assertThat(c.rela().enabled()).isFalse();
        assertThat(c.rela().mapFrozen()).isTrue();
        assertThat(c.rela().whitening()).isTrue();
        assertThat(TrainerKinds.get("byol").inputs()).containsEntry("prior", "byol");
    }

    @Test
    void problemsAreLocatedAtTheirKeys() {
        ObjectNode c = base();
        c.put("budget", 1.5);
        c.putObject("rela").put("prior", "clip").put("map", "sometimes");
        c.putObject("probe").put("epochs", 2);
        c.putArray("classes").add(3).add(3);
        c.putObject("optimizer").put("name", "sgd");
        assertThat(problems(c)).containsExactlyInAnyOrder(
                "/budget: must be in (0, 1], got 1.5",
                "/rela/prior: must be one of file, input, none, random, got 'clip'",
                "/rela/map: must be one of frozen, learned, got 'sometimes'",
                "/probe/epochs: must be at least 3, got 2",
                "/classes: class 3 is listed twice",
                "/optimizer/name: must be one of adamw, got 'sgd'");
    }

    @Test
    void aFilePriorNeedsItsFileAndArchitecture() {
        ObjectNode c = base();
        c.putObject("rela").put("prior", "file");
        assertThat(problems(c)).containsExactly("/rela/prior_file: is required with prior: file (a DJL .params file or a TorchScript .pt file)");
        ((ObjectNode) c.get("rela")).put("prior_file", "/models/p.params");
        assertThat(problems(c)).containsExactly(
                "/rela/prior_backbone: is required with a DJL .params prior: {name, width} of the network that file holds");
        ObjectNode d = base();
        d.putObject("rela").put("prior", "random").put("prior_file", "/x.params");
        assertThat(problems(d)).containsExactly("/rela/prior_file: is only read with prior: file, not 'random'");
    }

    @Test
    void aPriorInputNeedsPriorInput() {
        ObjectNode c = base();
        c.putObject("inputs").put("prior", "abc123");
        assertThat(problems(c)).containsExactly(
                "/rela/prior: is 'none' but the run needs a prior run: set rela.prior: input, or drop the needs entry");
    }

    @Test
    void plannedCostIsTwoViewsPerSubsetImagePerEpoch() {
        PlannedCost cost = TrainerKinds.get("byol").plannedCost(base());
        assertThat(cost.planned()).isEqualTo(2L * 200 * 4);
        assertThat(cost.baseline()).isEqualTo(2L * 1000 * 4);
        assertThat(cost.details().path("steps").asLong()).isEqualTo(4L * 2); // 200 = 128 + 72
        // the class filter: 5 of Fashion-MNIST's 10 classes hold half of its 60 000 images
        ObjectNode c = base();
        c.remove("train_limit");
        c.putArray("classes").add(0).add(1).add(2).add(3).add(4);
        assertThat(TrainerKinds.get("byol").plannedCost(c).details().path("train_size").asInt()).isEqualTo(30_000);
    }

    @Test
    void theBudgetSubsetIsTheSameForEveryMethodOfASeed() {
        int[] a = ByolTraining.subset(7, 3, 1000, 200);
        assertThat(ByolTraining.subset(7, 3, 1000, 200)).containsExactly(a);
        assertThat(ByolTraining.subset(7, 4, 1000, 200)).isNotEqualTo(a);
        assertThat(java.util.Arrays.stream(a).distinct().count()).isEqualTo(200);
        assertThat(ByolTraining.bounds(129, 64)).containsExactly(0, 64, 129); // a last batch of one joins the one before
    }
}
