package io.frugal.analysis.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.frugal.analysis.StoreFixture;
import io.frugal.core.store.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Energy and CO2 reach every format with their source named: per cell (mean ± sd over the runs
 * with a record, partial and mixed cells marked) and per run, the footnote naming the sources and
 * the stated power per core and grid intensity; a damaged energy.json is named, never counted.
 */
class EnergyColumnsTest {
    @TempDir
    Path out;

    Report report;

    @BeforeEach
    void store() {
        StoreFixture.twoDatasets(out)
                // mnist baseline: all three by CPU seconds x 12 W per core
                .energy("m-b1", "cpu-seconds", 0.002, 600, 12, 400).energy("m-b2", "cpu-seconds", 0.003, 900, 12, 400)
                .energy("m-b3", "cpu-seconds", 0.004, 1200, 12, 400)
                // mnist step-E1: one by RAPL, one by CPU seconds: a mixed cell
                .energy("m-s1", "rapl", 0.001, 300, 12, 400).energy("m-s2", "cpu-seconds", 0.0015, 450, 12, 400)
                // cifar10 baseline: one of two measured; the other's file is damaged
                .energy("c-b1", "rapl", 0.01, 3000, 12, 400).file("c-b2", "energy.json", "{\"format\": 1, \"source\": \"rapl\"");
        report = Report.of(out);
    }

    @Test
    void markdownShowsCellsSourcesAndAssumptions() {
        String md = new MarkdownRenderer().render(report);
        assertThat(row(md, "| mnist   | baseline ")).containsPattern(cells("3.000 ± 1.000", "1.200 ± 0.400", "CPU seconds × W per core"));
        assertThat(row(md, "| mnist   | step-E1")).containsPattern(cells("1.250 ± 0.354", "0.5000 ± 0.1414", "mixed: CPU seconds × W per core; RAPL counters"));
        assertThat(row(md, "| cifar10 | baseline")).containsPattern(cells("10.00 (n=1 of 2)", "4.000 (n=1 of 2)", "RAPL counters"));
        assertThat(row(md, "| cifar10 | step-E1")).containsPattern(cells("n/a", "n/a", "n/a"));
        assertThat(md).contains("Sources in this report: CPU seconds × W per core; RAPL counters. Assumptions: power per core 12.00 W (stated); "
                + "grid intensity 400.0 g CO2/kWh (stated default 400 g CO2/kWh)");
        assertThat(md).contains("\n## Energy and CO2 per run\n").containsPattern("\\| m-s1 +\\| mnist +\\| step-E1 +\\| +1 \\| RAPL counters +\\| +1\\.000 \\|");
        assertThat(md).contains("run c-b2: energy.json: ").contains("(its energy left out)");
        // the damaged file costs the energy, not the run
        assertThat(row(md, "| cifar10 | baseline")).containsPattern(cells("2/2"));
    }

    @Test
    void machineFormatsCarryTheSameNumbers() {
        List<String> header = CsvRenderer.header(report.table().metrics(), false);
        List<Map<String, String>> csv = MachineFormatsTest.parseCsv(new CsvRenderer().render(report), header);
        assertThat(Double.parseDouble(csv.get(0).get("energy_wh_mean"))).isCloseTo(3.0, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(Double.parseDouble(csv.get(0).get("co2_g_sd"))).isCloseTo(0.4, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(csv.get(0)).containsEntry("energy_runs_measured", "3").containsEntry("energy_sources", "cpu-seconds").containsEntry("energy_mixed", "false")
                .containsEntry("watts_per_core", "12").containsEntry("grid_g_co2_per_kwh", "400");
        assertThat(csv.get(1)).containsEntry("energy_sources", "cpu-seconds rapl").containsEntry("energy_mixed", "true");
        assertThat(csv.get(4)).containsEntry("energy_runs_measured", "0").containsEntry("energy_wh_mean", "").containsEntry("energy_mixed", "");
        String runs = new CsvRenderer().extraFiles(report).get(CsvRenderer.ENERGY_RUNS_FILE);
        assertThat(runs).startsWith(String.join(",", CsvRenderer.ENERGY_RUN_COLUMNS) + "\r\n")
                .contains("\r\nm-s1,classifier,mnist,step-E1,1,rapl,1,").contains(",300,,400,stated default 400 g CO2/kWh,");

        JsonNode rows = Json.parse(new JsonRenderer().render(report)).get("rows");
        assertThat(rows.get(0).at("/energy/wh/mean").doubleValue()).isEqualTo(Double.parseDouble(csv.get(0).get("energy_wh_mean")));
        assertThat(rows.get(0).at("/energy/co2_g/mean").doubleValue()).isEqualTo(Double.parseDouble(csv.get(0).get("co2_g_mean")));
        assertThat(rows.get(1).at("/energy/mixed").booleanValue()).isTrue();
        JsonNode s1 = rows.get(1).get("run_details").get(0);
        assertThat(s1.at("/energy/source").asText()).isEqualTo("rapl");
        assertThat(s1.at("/energy/watts_per_core").isNull()).isTrue();
        assertThat(rows.get(3).get("run_details").get(1).get("energy").isNull()).isTrue();
        assertThat(Json.parse(new JsonRenderer().render(report)).get("energy_notes").get(0).asText()).contains("power per core 12.00 W");

        String tex = new TexRenderer().render(report);
        assertThat(tex).contains("& 3.000 $\\pm$ 1.000 & 1.200 $\\pm$ 0.400 & CPU seconds × W per core \\\\")
                .contains("% Energy columns, from each done run's energy.json").contains("% Energy and CO2 per run");
        String html = new HtmlRenderer().render(report);
        assertThat(html).contains("<td class=\"r\">3.000 ± 1.000</td>").contains("Energy and CO2 per run")
                .contains("<td>mixed: CPU seconds × W per core; RAPL counters</td>");
    }

    /** Adjacent table cells, whatever their padding. */
    private static String cells(String... cells) {
        return "\\|\\s*" + String.join("\\s*\\|\\s*", java.util.Arrays.stream(cells).map(java.util.regex.Pattern::quote).toList()) + "\\s*\\|";
    }

    private static String row(String md, String start) {
        return md.lines().filter(l -> l.startsWith(start)).findFirst().orElseThrow();
    }
}
