package io.frugal.methods.flowimages;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frugal.core.kind.KindRun;
import io.frugal.core.kind.KindTable;
import io.frugal.core.kind.PlannedCost;
import io.frugal.core.store.Json;
import io.frugal.core.store.PlannedRun;
import io.frugal.core.store.RunResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlowImagesTablesTest {
    static KindRun run(String experiment, long seed, String sampling, double p, double[] interval) {
        ObjectNode r = Json.object();
        r.put("proportion_a", p).put("proportion_error", Math.abs(p - 0.8)).put("target", 0.8).put("time_sampling", sampling)
                .put("window_share", sampling.equals("uniform") ? 0.4 : 0.5).put("evaluations", 19840);
        if (interval == null) r.putNull("switch_interval");
        else r.putArray("switch_interval").add(interval[0]).add(interval[1]);
        PlannedRun planned = new PlannedRun(experiment + seed, experiment, "fashion-mnist", seed, Json.object(),
                new PlannedCost(Json.object(), 19840, 19840), Map.of(), Json.object());
        return new KindRun(planned, new RunResult(experiment + seed, Map.of(), 19840, 19840, 1, 1, 1, 0, null, r));
    }

    @Test
    void oneRowPerExperimentWithMeanSdAndTheSwitchIntervalOverSeeds() {
        List<KindTable> t = FlowImagesTables.of(List.of(
                run("uniform", 1, "uniform", 0.785, new double[] {0.2, 0.6}),
                run("uniform", 2, "uniform", 0.755, new double[] {0.2, 0.6}),
                run("uniform", 3, "uniform", 0.74, new double[] {0.3, 0.6}),
                run("phase", 1, "sections", 0.815, null)));
        assertThat(t).hasSize(1);
        List<List<String>> rows = t.get(0).rows();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).containsExactly("uniform / fashion-mnist", "uniform", "3", "0.760 ± 0.023", "0.80", "0.040 ± 0.023",
                "[0.23, 0.60] (3 of 3 seeds)", "0.40", "19840");
        assertThat(rows.get(1).get(3)).isEqualTo("0.815");
        assertThat(rows.get(1).get(6)).isEqualTo("none found");
        assertThat(FlowImagesTables.of(List.of())).isEmpty();
    }
}
