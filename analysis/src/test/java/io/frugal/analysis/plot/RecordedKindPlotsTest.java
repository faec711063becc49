package io.frugal.analysis.plot;

import static org.assertj.core.api.Assertions.assertThat;

import io.frugal.analysis.RecordedStores;
import io.frugal.analysis.report.Report;
import io.frugal.core.kind.KindPlot;
import io.frugal.core.kind.KindPlot.Point;
import io.frugal.core.kind.KindPlot.Series;
import io.frugal.core.kind.KindPlot.Style;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The flow and ReLA plots of two real stores (a tiny flow sweep and a tiny ReLA grid, trained once
 * by frugal and kept as test data): what each plot shows, checked against the runs' own results.
 */
class RecordedKindPlotsTest {
    @TempDir
    Path out;

    @Test
    void flowPlotsShowPHatAgainstDWithTheLineAtPParametersWithTheoryAndUTurns() {
        Report report = Report.of(RecordedStores.copy("flow", out));
        KindPlot pHat = plot(report, "flow-p-hat-vs-d");
        assertThat(pHat.logX()).isTrue();
        assertThat(pHat.references()).singleElement().satisfies(r -> assertThat(r.value()).isEqualTo(0.8));
        assertThat(pHat.series()).extracting(Series::name)
                .containsExactly("uniform", "dilated", "exact-dilated (dilated, exact field)");
        for (Series s : pHat.series()) {
            assertThat(s.points()).extracting(Point::x).containsExactly(100.0, 300.0, 1000.0);
            // two seeds per point: every point has its spread over them
            assertThat(s.points()).allMatch(p -> Double.isFinite(p.yErr()));
        }
        // the mean of the two seeds' p-hat, as the table computes it
        double tableMean = report.kindTables().stream().filter(t -> t.id().equals("flow-p-hat")).findFirst().orElseThrow()
                .numbers().get(0).get(3);
        assertThat(pHat.series().get(0).points().get(0).y()).isEqualTo(tableMean);

        for (String p : List.of("c", "m", "omega", "b")) {
            KindPlot dilated = plot(report, "flow-parameters-dilated-" + p);
            assertThat(dilated.series()).extracting(Series::name)
                    .containsExactly("learned, d = 100", "learned, d = 300", "learned, d = 1000", "theory, n = inf", "theory, finite n");
            assertThat(dilated.series().get(0).points()).hasSize(10);
            assertThat(dilated.series().get(4).style()).isEqualTo(Style.THEORY);
            // the uniform schedule has no theory: learned points only
            assertThat(plot(report, "flow-parameters-uniform-" + p).series()).allMatch(s -> s.style() == Style.POINTS);
        }
        // n = inf theory in phase 1: m = 1 and c = 0
        List<Point> mTheory = plot(report, "flow-parameters-dilated-m").series().get(3).points();
        assertThat(mTheory).filteredOn(pt -> pt.x() < 1).allMatch(pt -> pt.y() == 1.0);

        KindPlot uturn = plot(report, "flow-uturn-dilated");
        assertThat(uturn.series()).hasSize(6).extracting(Series::name).contains("d = 100, from + mode", "d = 1000, from - mode");
        assertThat(uturn.series()).allMatch(s -> s.points().size() == 10 && s.points().stream().allMatch(pt -> pt.y() >= 0 && pt.y() <= 1));
    }

    @Test
    void relaPlotHasALinePerPriorAndPlainAndFullByol() {
        Report report = Report.of(RecordedStores.copy("byol", out));
        List<KindPlot> rela = report.plots().stream().filter(p -> p.id().startsWith("byol-probe-vs-budget-")).toList();
        // the prior's own setting (classes 5-9, full budget only) has no budget to compare and no plot
        assertThat(rela).singleElement();
        KindPlot p = rela.get(0);
        assertThat(p.series()).extracting(Series::name).containsExactlyInAnyOrder("full BYOL (100 %)", "plain BYOL (same budget)",
                "ReLA, prior: random", "ReLA, prior: run of prior-classes-5-9");
        for (Series s : p.series()) {
            List<Double> xs = s.points().stream().map(Point::x).toList();
            if (s.name().startsWith("full")) assertThat(xs).containsExactly(100.0);
            else assertThat(xs).containsExactly(20.0, 50.0);
            assertThat(s.points()).allMatch(pt -> pt.y() > 0 && pt.y() <= 100 && Double.isFinite(pt.yErr()));
        }
        assertThat(p.references()).singleElement().satisfies(r -> assertThat(r.value())
                .isEqualTo(p.series().stream().filter(s -> s.name().startsWith("full")).findFirst().orElseThrow().points().get(0).y()));
    }

    private static KindPlot plot(Report report, String id) {
        return report.plots().stream().filter(p -> p.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError(id + " not among " + report.plots().stream().map(KindPlot::id).toList()));
    }
}
