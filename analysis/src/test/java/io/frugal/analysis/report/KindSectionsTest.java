package io.frugal.analysis.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frugal.analysis.ReportTestKind;
import io.frugal.analysis.StoreFixture;
import io.frugal.core.kind.KindPlot;
import io.frugal.core.store.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store of two kinds: a generic table per kind, named by its own schema, then each kind's own tables and plots. */
class KindSectionsTest {
    @TempDir
    Path out;

    private Report twoKinds() {
        StoreFixture f = StoreFixture.twoDatasets(out);
        double[] p = {0.26, 0.24, 0.25, 0.31, 0.33};
        String[] exp = {"baseline", "baseline", "baseline", "plain", "plain"};
        for (int i = 0; i < p.length; i++) {
            String id = "f" + i;
            f.planned(id, "synthetic", exp[i], i + 1, 500);
            ((ObjectNode) f.plan().get("runs").get(f.plan().get("runs").size() - 1).get("config")).put("trainer", ReportTestKind.NAME);
            ObjectNode r = Json.object();
            r.put("status", "done").put("run_id", id).put("experiment", exp[i]).put("dataset", "synthetic").put("seed", i + 1)
                    .put("p_hat", p[i]).put("evaluations", 500).put("train_seconds", 3.0).put("wall_seconds", 4.0);
            f.file(id, "result.json", Json.pretty(r));
        }
        f.write();
        return Report.of(out);
    }

    @Test
    void eachKindGetsItsOwnGenericTableAndItsOwnSections() {
        Report report = twoKinds();
        assertThat(report.tables()).extracting(t -> t.kind()).containsExactly("classifier", ReportTestKind.NAME);
        assertThat(report.tables().get(1).holmFamilySize()).isEqualTo(1);
        String md = new MarkdownRenderer().render(report);
        assertThat(md).contains("\n## classifier runs\n").contains("\n## report-test-flow runs\n");
        String flowHeader = md.lines().filter(l -> l.startsWith("| dataset") && l.contains("p̂")).findFirst().orElseThrow();
        assertThat(flowHeader).containsPattern("\\|\\s+p̂ \\|").containsPattern("\\|\\s+Δ p̂ \\|").doesNotContain("best").doesNotContain(" % |");
        assertThat(md).contains("*evaluations*: flow steps, mean over done runs");
        assertThat(md).contains("\n## p̂ by seed\n").contains("p̂: the estimated probability");
        assertThat(md).containsPattern("\\| f3\\s+\\|\\s+4 \\|\\s+0.310 \\|");

        Map<String, String> csv = new CsvRenderer().extraFiles(report);
        assertThat(csv.keySet()).containsExactly("report-report-test-flow.csv", "report-p-hat-by-seed.csv");
        assertThat(csv.get("report-report-test-flow.csv")).startsWith("dataset,experiment,matrix,is_baseline,runs_planned,"
                + "runs_done,runs_failed,runs_unfinished,incomplete,p_hat_mean,p_hat_sd,p_hat_se,p_hat_ci_low,p_hat_ci_high,evaluations,");
        assertThat(csv.get("report-p-hat-by-seed.csv")).startsWith("run,seed,p̂\r\nf0,1,0.26\r\n");

        JsonNode json = Json.parse(new JsonRenderer().render(report));
        JsonNode flowRow = json.get("rows").get(5);
        assertThat(flowRow.get("kind").asText()).isEqualTo(ReportTestKind.NAME);
        assertThat(flowRow.at("/p_hat/mean").doubleValue()).isEqualTo(report.tables().get(1).rows().get(0).finalTop1().mean());
        assertThat(flowRow.has("best_top1")).isFalse();
        assertThat(json.at("/rows/6/vs_baseline/delta_p_hat").doubleValue()).isEqualTo(0.32 - 0.25, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(json.at("/kind_tables/0/rows/3/2").doubleValue()).isEqualTo(0.31);
        assertThat(json.at("/computed_from/holm_family_size/report-test-flow").asInt()).isEqualTo(1);

        assertThat(new TexRenderer().render(report)).contains("% report-test-flow runs").contains("% p̂ by seed")
                .contains("f3 & 4 & 0.310 \\\\");
        assertThat(new HtmlRenderer().render(report)).contains("<h2 id=\"table-p-hat-by-seed\">p̂ by seed</h2>");
        assertThat(report.plots()).extracting(KindPlot::id).contains("report-test-flow-p-hat-vs-seed", "report-test-flow-synthetic-metric-vs-cost");
        assertThat(ReportWriter.files(report, ReportWriter.renderAll(report)).keySet())
                .contains("plots/report-test-flow-p-hat-vs-seed.svg", "report-p-hat-by-seed.csv");
        assertThat(new String(ReportWriter.files(report, ReportWriter.renderAll(report)).get("report.csv"), StandardCharsets.UTF_8))
                .doesNotContain("synthetic");
    }
}
