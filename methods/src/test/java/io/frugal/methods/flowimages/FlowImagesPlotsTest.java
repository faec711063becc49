package io.frugal.methods.flowimages;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frugal.core.kind.KindPlot;
import io.frugal.core.kind.KindPlot.Point;
import io.frugal.core.kind.KindRun;
import io.frugal.core.store.RunResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The U-turn plot: per experiment, the share ending as class a against t0 from each class, mean ± sd over seeds, with the target and generated shares. */
class FlowImagesPlotsTest {
    static KindRun withUTurn(String experiment, long seed, double p, double[] fromA, double[] fromB) {
        KindRun base = FlowImagesTablesTest.run(experiment, seed, "uniform", p, null);
        ObjectNode raw = ((ObjectNode) base.result().raw()).deepCopy();
        ObjectNode u = raw.putObject("uturn");
        u.putArray("t0").add(0.2).add(0.4).add(0.6);
        fromA(u.putArray("from_a"), fromA);
        fromA(u.putArray("from_b"), fromB);
        RunResult r = base.result();
        return new KindRun(base.planned(), new RunResult(r.runId(), r.metrics(), r.evaluations(), r.plannedEvaluations(), 1, 1, 1, 0, null, raw));
    }

    private static void fromA(com.fasterxml.jackson.databind.node.ArrayNode a, double[] v) {
        for (double x : v) a.add(x);
    }

    @Test
    void curvesFromBothClassesWithTheTargetAndGeneratedShares() {
        List<KindPlot> plots = FlowImagesPlots.of(List.of(
                withUTurn("uniform", 1, 0.78, new double[] {0.75, 1.0, 1.0}, new double[] {0.5, 0.25, 0.0}),
                withUTurn("uniform", 2, 0.82, new double[] {0.25, 1.0, 1.0}, new double[] {0.75, 0.25, 0.0}),
                FlowImagesTablesTest.run("no-uturn", 1, "uniform", 0.8, null)));
        assertThat(plots).singleElement().satisfies(p -> {
            assertThat(p.id()).isEqualTo("uturn-uniform-fashion-mnist");
            assertThat(p.series().get(0).points()).extracting(Point::y).containsExactly(0.5, 1.0, 1.0);
            assertThat(p.series().get(1).points().get(0).yErr()).isCloseTo(Math.sqrt(0.03125), org.assertj.core.data.Offset.offset(1e-12));
            assertThat(p.references().get(0).value()).isEqualTo(0.8);
            assertThat(p.references().get(1).value()).isCloseTo(0.8, org.assertj.core.data.Offset.offset(1e-12));
        });
    }
}
