package io.frugal.analysis.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.frugal.analysis.StoreFixture;
import io.frugal.analysis.table.CellRow;
import io.frugal.core.store.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV and JSON must read back to exactly the numbers the aggregation computed. */
class MachineFormatsTest {
    @TempDir
    Path out;
    StoreFixture fixture;
    Report report;

    @BeforeEach
    void build() {
        fixture = StoreFixture.twoDatasets(out)
                .file("m-b1", "provenance.json", "{\"code_version\": \"abc123\"}");
        report = Report.of(out);
    }

    @Test
    void csvHasOneHeaderRowAndReadsBackAtFullPrecision() {
        List<Map<String, String>> rows = parseCsv(new CsvRenderer().render(report));
        assertThat(rows).hasSize(report.table().rows().size());
        for (int i = 0; i < rows.size(); i++) {
            Map<String, String> csv = rows.get(i);
            CellRow row = report.table().rows().get(i);
            assertThat(csv.get("dataset")).isEqualTo(row.key().dataset());
            assertThat(csv.get("experiment")).isEqualTo(row.key().experiment());
            assertThat(Double.parseDouble(csv.get("final_top1_mean"))).isEqualTo(row.finalTop1().mean());
            assertThat(Double.parseDouble(csv.get("evaluation_ratio"))).isEqualTo(row.evaluationRatio());
            assertThat(Double.parseDouble(csv.get("train_seconds_ratio"))).isEqualTo(row.trainSecondsRatio());
            assertThat(Integer.parseInt(csv.get("runs_planned"))).isEqualTo(row.planned());
            assertThat(csv.get("manifest_sha256")).isEqualTo(StoreFixture.MANIFEST_SHA);
        }
        Map<String, String> step = rows.get(1);
        assertThat(Double.parseDouble(step.get("final_top1_sd"))).isEqualTo(report.table().rows().get(1).finalTop1().sd());
        assertThat(Double.parseDouble(step.get("p_holm"))).isEqualTo(report.table().rows().get(1).pHolm());
        assertThat(step.get("evaluation_ratio")).isEqualTo("0.4375");
        assertThat(Double.parseDouble(step.get("p_rank"))).isEqualTo(0.2);
        assertThat(step.get("incomplete")).isEqualTo("true");
        assertThat(step.get("done_runs")).isEqualTo("m-s1 m-s2");
        assertThat(step.get("failed_runs")).isEqualTo("m-s3");
        Map<String, String> oneRun = rows.get(2);
        assertThat(oneRun.get("final_top1_sd")).isEmpty();
        assertThat(oneRun.get("p_welch")).isEmpty();
        assertThat(oneRun.get("unfinished_runs")).isEqualTo("m-e2");
        assertThat(rows.get(0).get("delta_final_top1")).isEmpty();
    }

    @Test
    void csvNumbersAreNeverInExponentForm() {
        assertThat(CsvRenderer.number(16000.0)).isEqualTo("16000");
        assertThat(CsvRenderer.number(1.0e-7)).isEqualTo("0.0000001");
        assertThat(CsvRenderer.number(0.1 + 0.2)).isEqualTo("0.30000000000000004");
        assertThat(CsvRenderer.number(Double.NaN)).isEmpty();
    }

    @Test
    void csvQuotesFieldsThatNeedIt() {
        assertThat(CsvRenderer.quote("width=0.5, aug=flip")).isEqualTo("\"width=0.5, aug=flip\"");
        assertThat(CsvRenderer.quote("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CsvRenderer.quote("plain")).isEqualTo("plain");
    }

    @Test
    void jsonHoldsEverythingIncludingPerRunValues() {
        JsonNode json = Json.parse(new JsonRenderer().render(report));
        assertThat(json.get("format").asInt()).isEqualTo(1);
        assertThat(json.at("/plan/manifest_sha256").asText()).isEqualTo(StoreFixture.MANIFEST_SHA);
        assertThat(json.at("/computed_from/runs_done").asInt()).isEqualTo(10);
        assertThat(json.at("/computed_from/done_run_ids")).hasSize(10);
        assertThat(json.at("/computed_from/results_sha256").asText()).isEqualTo(report.resultsSha256());
        assertThat(json.at("/computed_from/code_versions/0").asText()).isEqualTo("abc123");
        JsonNode rows = json.get("rows");
        assertThat(rows).hasSize(5);
        for (int i = 0; i < rows.size(); i++) {
            CellRow row = report.table().rows().get(i);
            assertThat(rows.get(i).at("/final_top1/mean").doubleValue()).isEqualTo(row.finalTop1().mean());
            assertThat(rows.get(i).at("/runs/planned").asInt()).isEqualTo(row.planned());
        }
        JsonNode step = rows.get(1);
        assertThat(step.at("/vs_baseline/p_holm").doubleValue()).isEqualTo(report.table().rows().get(1).pHolm());
        assertThat(step.at("/evaluation_ratio").doubleValue()).isEqualTo(0.4375);
        assertThat(step.at("/baseline_cell/experiment").asText()).isEqualTo("baseline");
        JsonNode runs = step.get("run_details");
        assertThat(runs).hasSize(3);
        assertThat(runs.get(0).get("final_top1").doubleValue()).isEqualTo(0.95);
        assertThat(runs.get(2).get("state").asText()).isEqualTo("failed");
        assertThat(runs.get(2).at("/failure/message").asText()).startsWith("CUDA out of memory");
        // Values that cannot be computed are null, never NaN (which is not JSON).
        JsonNode oneRun = rows.get(2);
        assertThat(oneRun.at("/final_top1/sd").isNull()).isTrue();
        assertThat(oneRun.at("/vs_baseline/p_welch").isNull()).isTrue();
        assertThat(rows.get(0).get("vs_baseline").isNull()).isTrue();
    }

    @Test
    void texIsABooktabsTableWithEscapedNames() {
        String tex = new TexRenderer().render(report);
        assertThat(tex).contains("\\toprule").contains("\\midrule").contains("\\bottomrule");
        assertThat(tex).contains("% manifest manifests/data-reduction.yaml, sha256 " + StoreFixture.MANIFEST_SHA);
        assertThat(tex).contains("mnist & step-E1 & 2/3$^{!}$ & 95.50 $\\pm$ 0.71 & [89.15, 101.85] & 0.4375");
        assertThat(TexRenderer.escape("step_E1 & 50% #2")).isEqualTo("step\\_E1 \\& 50\\% \\#2");
        long rowsLines = tex.lines().filter(l -> l.endsWith("\\\\")).count();
        assertThat(rowsLines).isEqualTo(1 + 5);
    }

    @Test
    void localRunsKeepEveryFormatsShape() {
        List<String> header = new ArrayList<>(CsvRenderer.COLUMNS);
        header.addAll(CsvRenderer.STATISTICS_COLUMNS);
        // the energy columns are in every report (n/a where no run recorded energy); SLURM's only with accounting
        header.addAll(CsvRenderer.ENERGY_COLUMNS);
        assertThat(new CsvRenderer().render(report)).startsWith(String.join(",", header) + "\r\n");
        JsonNode json = Json.parse(new JsonRenderer().render(report));
        json.get("rows").forEach(r -> {
            assertThat(r.has("slurm")).isFalse();
            r.get("run_details").forEach(d -> assertThat(d.has("slurm")).isFalse());
        });
        assertThat(new TexRenderer().render(report)).doesNotContain("SLURM").contains("{llrrrrrrrrrrrrrl}");
    }

    @Test
    void slurmAccountingReachesEveryFormat() {
        fixture.slurm("m-b1", 0, 100, 100, 10).slurm("m-b2", 1, 60, 140, 20).slurm("m-b3", 0, 120, 120, -1)
                .slurm("m-s1", 2, 30, 90, 4);
        report = Report.of(out);
        List<String> header = CsvRenderer.header(report.table().metrics(), true);
        List<Map<String, String>> rows = parseCsv(new CsvRenderer().render(report), header);
        assertThat(rows.get(0)).containsEntry("slurm_runs_accounted", "3").containsEntry("slurm_elapsed_seconds_mean", "120")
                .containsEntry("slurm_elapsed_seconds_sd", "20").containsEntry("slurm_queue_wait_seconds_mean", "15")
                .containsEntry("slurm_restarts", "1");
        assertThat(rows.get(1)).containsEntry("slurm_runs_accounted", "1").containsEntry("slurm_elapsed_seconds_sd", "")
                .containsEntry("slurm_restarts", "2");
        assertThat(rows.get(3)).containsEntry("slurm_runs_accounted", "0").containsEntry("slurm_elapsed_seconds_mean", "")
                .containsEntry("slurm_restarts", "");

        JsonNode base = Json.parse(new JsonRenderer().render(report)).get("rows").get(0);
        assertThat(base.at("/slurm/runs_accounted").asInt()).isEqualTo(3);
        assertThat(base.at("/slurm/runs_done").asInt()).isEqualTo(3);
        assertThat(base.at("/slurm/elapsed_seconds/mean").doubleValue()).isEqualTo(120.0);
        assertThat(base.at("/slurm/queue_wait_seconds/n").asInt()).isEqualTo(2);
        assertThat(base.at("/slurm/restarts").asLong()).isEqualTo(1);
        JsonNode run = base.get("run_details").get(1);
        assertThat(run.get("run_id").asText()).isEqualTo("m-b2");
        assertThat(run.at("/slurm/job_id").asText()).isEqualTo("4242_1");
        assertThat(run.at("/slurm/elapsed_total_seconds").asLong()).isEqualTo(140);
        assertThat(base.get("run_details").get(2).at("/slurm/queue_wait_seconds").isNull()).isTrue();

        String tex = new TexRenderer().render(report);
        assertThat(tex).contains("{llrrrrrrrrrrrrrlrrr}").contains("& SLURM (s) & Queue (s) & Restarts \\\\")
                .contains("& 120.0 $\\pm$ 20.0 & 15.0 & 1 \\\\").contains("& 90.0 ($n{=}1$ of 2) & 4.0 & 2 \\\\")
                .contains("% SLURM (s): elapsed job time summed over all attempts");
    }

    /** A small RFC 4180 reader: quoted fields, doubled quotes, CRLF line ends. */
    static List<Map<String, String>> parseCsv(String text) {
        return parseCsv(text, CsvRenderer.header(io.frugal.core.kind.TrainerKinds.defaultKind().metrics(), false));
    }

    static List<Map<String, String>> parseCsv(String text, List<String> header) {
        List<List<String>> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') { field.append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.append(c);
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString()); field.setLength(0);
            } else if (c == '\r') {
                // part of CRLF
            } else if (c == '\n') {
                fields.add(field.toString()); field.setLength(0);
                records.add(fields); fields = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        assertThat(records.get(0)).isEqualTo(header);
        List<Map<String, String>> rows = new ArrayList<>();
        for (List<String> r : records.subList(1, records.size())) {
            assertThat(r).hasSameSizeAs(header);
            Map<String, String> m = new HashMap<>();
            for (int i = 0; i < r.size(); i++) m.put(header.get(i), r.get(i));
            rows.add(m);
        }
        return rows;
    }
}
