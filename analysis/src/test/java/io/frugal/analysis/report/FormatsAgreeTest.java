package io.frugal.analysis.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.frugal.analysis.StoreFixture;
import io.frugal.core.store.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Markdown, CSV, JSON, LaTeX and HTML carry the same numbers: CSV and JSON the same doubles, the
 * text formats those doubles as they round them. Checked cell by cell on a store with failed,
 * missing, single-run and compared cells.
 */
class FormatsAgreeTest {
    @TempDir
    Path out;

    @Test
    void everyFormatCarriesTheSameNumbers() {
        Report report = Report.of(StoreFixture.twoDatasets(out).energy("m-b1", "cpu-seconds", 0.0021, 600, 12, 400)
                .energy("m-b2", "rapl", 0.0034, 900, 12, 400).energy("c-s1", "cpu-seconds", 0.0125, 3000, 12, 250).store().root());
        List<Map<String, String>> csv = MachineFormatsTest.parseCsv(new CsvRenderer().render(report));
        JsonNode rows = Json.parse(new JsonRenderer().render(report)).get("rows");
        String md = new MarkdownRenderer().render(report);
        String tex = new TexRenderer().render(report);
        String html = new HtmlRenderer().render(report);
        assertThat(rows).hasSize(csv.size());
        String[][] pairs = {
            {"final_top1_mean", "/final_top1/mean"}, {"final_top1_sd", "/final_top1/sd"}, {"final_top1_ci_low", "/final_top1/ci_low"},
            {"final_top1_ci_high", "/final_top1/ci_high"}, {"best_top1_mean", "/best_top1/mean"},
            {"final_top1_boot_ci_low", "/final_top1_bootstrap/ci_low"}, {"evaluation_ratio", "/evaluation_ratio"},
            {"train_seconds_mean", "/train_seconds/mean"}, {"delta_final_top1", "/vs_baseline/delta_final_top1"},
            {"delta_ci_low", "/vs_baseline/ci_low"}, {"delta_ci_high", "/vs_baseline/ci_high"}, {"welch_df", "/vs_baseline/welch_df"},
            {"p_welch", "/vs_baseline/p_welch"}, {"p_holm", "/vs_baseline/p_holm"}, {"p_rank", "/vs_baseline/p_rank"},
            {"p_rank_holm", "/vs_baseline/p_rank_holm"}, {"delta_boot_ci_low", "/vs_baseline/boot_ci_low"},
            {"delta_boot_ci_high", "/vs_baseline/boot_ci_high"}, {"hedges_g", "/vs_baseline/hedges_g/g"},
            {"hedges_g_ci_low", "/vs_baseline/hedges_g/ci_low"}, {"p_improvement", "/vs_baseline/p_improvement"},
            {"power_seeds_per_arm", "/vs_baseline/power_seeds_per_arm"}, {"energy_wh_mean", "/energy/wh/mean"},
            {"energy_wh_sd", "/energy/wh/sd"}, {"co2_g_mean", "/energy/co2_g/mean"}, {"co2_g_sd", "/energy/co2_g/sd"}};
        int compared = 0;
        int energyRows = 0;
        for (int i = 0; i < csv.size(); i++) {
            JsonNode json = rows.get(i);
            for (String[] p : pairs) {
                String c = csv.get(i).get(p[0]);
                JsonNode j = json.at(p[1]);
                if (c.isEmpty()) {
                    assertThat(j.isMissingNode() || j.isNull()).as(p[0] + " row " + i).isTrue();
                } else if (c.equals("inf")) {
                    assertThat(j.asText()).isEqualTo("inf");
                } else {
                    assertThat(j.doubleValue()).as(p[0] + " row " + i).isEqualTo(Double.parseDouble(c));
                    compared++;
                }
            }
            String dataset = csv.get(i).get("dataset");
            String experiment = csv.get(i).get("experiment");
            String mdRow = md.lines().filter(l -> l.matches("\\| " + dataset + "\\s+\\| " + experiment + "( \\(baseline\\))?\\s+\\|.*"))
                    .findFirst().orElseThrow();
            String texRow = tex.lines().filter(l -> l.startsWith(dataset + " & " + experiment + " & ")).findFirst().orElseThrow();
            if (!csv.get(i).get("final_top1_mean").isEmpty()) {
                String mean = pct(csv.get(i).get("final_top1_mean"));
                assertThat(mdRow).contains(mean);
                assertThat(texRow).contains(mean);
                assertThat(html).contains("<td class=\"r\">" + (csv.get(i).get("final_top1_sd").isEmpty() ? mean
                        : mean + " ± " + pct(csv.get(i).get("final_top1_sd"))) + "</td>");
            }
            if (!csv.get(i).get("delta_final_top1").isEmpty()) {
                String delta = String.format(Locale.ROOT, "%+.2f", 100 * Double.parseDouble(csv.get(i).get("delta_final_top1")));
                assertThat(mdRow).containsPattern("\\|\\s+" + java.util.regex.Pattern.quote(delta) + " \\|");
                assertThat(texRow).contains("$" + delta + "$");
            }
            if (!csv.get(i).get("energy_wh_mean").isEmpty()) {
                String wh = EnergyText.energy(Double.parseDouble(csv.get(i).get("energy_wh_mean")));
                String co2 = EnergyText.energy(Double.parseDouble(csv.get(i).get("co2_g_mean")));
                assertThat(mdRow).containsPattern("\\|\\s+" + java.util.regex.Pattern.quote(wh)).containsPattern("\\|\\s+" + java.util.regex.Pattern.quote(co2));
                assertThat(texRow).contains("& " + wh).contains("& " + co2);
                assertThat(html).contains("<td class=\"r\">" + wh);
                energyRows++;
            }
            if (!csv.get(i).get("p_holm").isEmpty()) {
                String p = String.format(Locale.ROOT, "%.4f", Double.parseDouble(csv.get(i).get("p_holm")));
                assertThat(mdRow).contains(p);
                assertThat(texRow).contains(p);
            }
            if (!csv.get(i).get("hedges_g").isEmpty()) {
                String g = String.format(Locale.ROOT, "%+.2f", Double.parseDouble(csv.get(i).get("hedges_g")));
                assertThat(mdRow).contains(g + " [");
                assertThat(texRow).contains("$" + g + "$");
            }
        }
        assertThat(compared).isGreaterThan(60);
        assertThat(energyRows).isEqualTo(2);
    }

    private static String pct(String fraction) {
        return String.format(Locale.ROOT, "%.2f", 100 * Double.parseDouble(fraction));
    }
}
