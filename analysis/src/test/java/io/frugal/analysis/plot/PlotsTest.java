package io.frugal.analysis.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.frugal.analysis.StoreFixture;
import io.frugal.analysis.report.Report;
import io.frugal.core.kind.KindPlot;
import io.frugal.core.kind.KindPlot.Point;
import io.frugal.core.kind.KindPlot.Series;
import io.frugal.core.kind.KindPlot.Style;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class PlotsTest {
    @TempDir
    Path out;

    private static KindPlot plot(Report r, String id) {
        return r.plots().stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow(() -> new AssertionError(
                id + " not among " + r.plots().stream().map(KindPlot::id).toList()));
    }

    private static String metrics(double... top1) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < top1.length; i++) {
            b.append("{\"epoch\":").append(i + 1).append(",\"evaluations\":").append(1000 * (i + 1)).append(",\"top1\":")
                    .append(top1[i]).append("}\n");
        }
        return b.toString();
    }

    @Test
    void metricAndRuntimeAgainstCostPerDatasetEachExperimentASeries() {
        Report r = Report.of(StoreFixture.twoDatasets(out).store().root());
        KindPlot acc = plot(r, "classifier-mnist-metric-vs-cost");
        assertThat(acc.xLabel()).isEqualTo("images trained on");
        assertThat(acc.yLabel()).isEqualTo("top-1 (%)");
        assertThat(acc.series()).extracting(Series::name).containsExactly("baseline", "step-E1", "step-E2");
        Point base = acc.series().get(0).points().get(0);
        assertThat(base.x()).isEqualTo(16000);
        assertThat(base.y()).isCloseTo(98.0, within(1e-9));
        assertThat(base.yErr()).isCloseTo(1.0, within(1e-9));
        KindPlot time = plot(r, "classifier-cifar10-runtime-vs-cost");
        assertThat(time.series().get(1).points()).containsExactly(new Point(7000, 95, Math.sqrt(50)));
    }

    @Test
    void learningCurvesAreTheMeanAndSdOverSeedsPointByPoint() {
        StoreFixture f = StoreFixture.twoDatasets(out);
        f.file("m-b1", "metrics.jsonl", metrics(0.5, 0.9)).file("m-b2", "metrics.jsonl", metrics(0.6, 0.95))
                .file("m-b3", "metrics.jsonl", metrics(0.7));
        KindPlot curves = plot(Report.of(out), "classifier-mnist-learning-curves");
        Series base = curves.series().get(0);
        assertThat(base.name()).isEqualTo("baseline");
        assertThat(base.points()).hasSize(2);
        assertThat(base.points().get(0).y()).isCloseTo(60, within(1e-9));
        assertThat(base.points().get(0).yErr()).isCloseTo(10, within(1e-9));
        // the second point rests on the two runs that reached it
        assertThat(base.points().get(1).x()).isEqualTo(2000);
        assertThat(base.points().get(1).y()).isCloseTo(92.5, within(1e-9));
    }

    @Test
    void aDamagedLineInTheMiddleOfMetricsEndsThatRunsCurveAndTheReportIsStillMade() {
        StoreFixture f = StoreFixture.twoDatasets(out);
        f.file("m-b1", "metrics.jsonl", metrics(0.5) + "{\"epoch\": 2, \"evalu\n" + metrics(0.8, 0.9))
                .file("m-b2", "metrics.jsonl", metrics(0.7, 0.95));
        Series base = plot(Report.of(out), "classifier-mnist-learning-curves").series().get(0);
        assertThat(base.points()).hasSize(2);
        assertThat(base.points().get(0).y()).isCloseTo(60, within(1e-9));
        assertThat(base.points().get(1).y()).as("only m-b2 reached a second point").isCloseTo(95, within(1e-9));
        assertThat(out.resolve("runs/m-b1/metrics.jsonl")).exists();
    }

    @Test
    void pngAndSvgAreDrawnWithTheirData() throws Exception {
        KindPlot p = new KindPlot("phat-vs-d", "p̂ against d", "d", "p̂", true,
                List.of(new Series("dilated", List.of(new Point(2, 0.30, 0.02), new Point(8, 0.26, 0.01), new Point(32, 0.25, 0.01)), Style.LINE),
                        new Series("plain", List.of(new Point(2, 0.4, 0.05), new Point(32, 0.5, 0.05)), Style.POINTS),
                        new Series("theory", List.of(Point.of(2, 0.25), Point.of(32, 0.25)), Style.THEORY)),
                List.of(new KindPlot.ReferenceLine("p", KindPlot.Axis.Y, 0.25)), List.of());
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(PlotDrawer.png(p)));
        assertThat(png.getWidth()).isEqualTo(PlotDrawer.WIDTH);
        assertThat(png.getHeight()).isEqualTo(PlotDrawer.HEIGHT);
        assertThat(coloured(png)).as("coloured pixels: series, not only black axes and text").isGreaterThan(500);
        Document svg = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(PlotDrawer.svg(p)));
        assertThat(svg.getDocumentElement().getNodeName()).isEqualTo("svg");
        assertThat(svg.getElementsByTagName("path").getLength()).isGreaterThan(10);
    }

    /** Pixels that are neither white nor grey: drawn in a series colour. */
    static int coloured(BufferedImage img) throws IOException {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                int r = (rgb >> 16) & 0xff, g = (rgb >> 8) & 0xff, b = rgb & 0xff;
                if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 40) n++;
            }
        }
        return n;
    }
}
