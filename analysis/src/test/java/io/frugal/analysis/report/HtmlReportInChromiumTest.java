package io.frugal.analysis.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.frugal.analysis.StoreFixture;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * report.html as a reader sees it: opened by headless Chromium (Debian's {@code chromium}) from a
 * file with no network, it logs no errors and its plots are drawn. The plots' pixels are told from
 * the rest of the page by taking a second screenshot of the same page without its figures.
 * Skipped where Chromium is not installed. The kinds' own plots are checked on real stores: a tiny
 * flow sweep and a tiny ReLA grid, trained once by frugal and kept as test data (plan, results,
 * metrics, provenance and energy records as the runs wrote them).
 */
class HtmlReportInChromiumTest {
    static final int WIDTH = 1400;
    static final int HEIGHT = 7000;

    @TempDir
    Path out;

    @Test
    void opensWithoutErrorsAndShowsItsPlots() throws Exception {
        Path chromium = chromium();
        assumeTrue(chromium != null, "chromium is not installed");
        StoreFixture f = StoreFixture.twoDatasets(out);
        for (String id : List.of("m-b1", "m-b2", "m-b3", "m-s1", "m-s2")) {
            f.file(id, "metrics.jsonl", "{\"evaluations\":1000,\"top1\":0.5}\n{\"evaluations\":2000,\"top1\":0." + (80 + id.hashCode() % 9) + "}\n");
        }
        Report report = Report.of(out);
        String html = new HtmlRenderer().render(report);
        // self-contained: nothing is fetched from anywhere
        assertThat(html).doesNotContainPattern("(src|href)=\"(https?:)?//").doesNotContain("<script").doesNotContain("<link");
        assertThat(html).contains("m-s3").contains("CUDA out of memory / at line 3").contains("not started")
                .contains(StoreFixture.MANIFEST_SHA).contains("m-b1");
        Path page = out.resolve("report.html");
        Files.writeString(page, html);
        Path bare = out.resolve("bare.html");
        Files.writeString(bare, html.replaceAll("(?s)<figure.*?</figure>", ""));

        Shot withPlots = screenshot(chromium, page, HEIGHT);
        Shot withoutPlots = screenshot(chromium, bare, HEIGHT);
        assertThat(withPlots.consoleErrors()).as("console").isEmpty();
        int plotPixels = withPlots.coloured - withoutPlots.coloured;
        // 6 plots (2 datasets x metric, runtime, learning curves), each with coloured lines and markers
        assertThat(plotPixels).as("coloured pixels the plots add").isGreaterThan(6 * 800);
        assertThat(Files.size(withPlots.file)).isGreaterThan(10_000);
        Path keep = Path.of("target/html-report-screenshot.png");
        Files.createDirectories(keep.getParent());
        Files.copy(withPlots.file, keep, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** The flow store: p-hat against d, c/m/omega/b against t with theory (both learned schedules), U-turn curves. */
    @Test
    void flowPlotsAreDrawn() throws Exception {
        List<String> ids = kindPlots("flow", "flow-p-hat-", "flow-parameters-", "flow-uturn-");
        assertThat(ids).contains("flow-p-hat-vs-d", "flow-parameters-dilated-c", "flow-parameters-dilated-m", "flow-parameters-dilated-omega",
                "flow-parameters-dilated-b", "flow-parameters-uniform-b", "flow-uturn-dilated", "flow-uturn-uniform");
    }

    /** The ReLA store: probe top-1 against budget, one line per prior, with plain and full BYOL. */
    @Test
    void relaPlotIsDrawn() throws Exception {
        List<String> ids = kindPlots("byol", "byol-probe-vs-budget-");
        assertThat(ids).hasSize(1);
    }

    /**
     * The report of a recorded store: its kind's own plots (ids starting with one of {@code prefixes}) are there, each
     * PNG has coloured lines and markers, and report.html opens without errors with every plot drawn;
     * the energy columns name the runs' real source. Returns the kind plots' ids.
     */
    private List<String> kindPlots(String name, String... prefixes) throws Exception {
        Path chromium = chromium();
        assumeTrue(chromium != null, "chromium is not installed");
        Path store = io.frugal.analysis.RecordedStores.copy(name, out);
        Report report = Report.of(store);
        List<io.frugal.core.kind.KindPlot> plots = report.plots().stream()
                .filter(p -> java.util.Arrays.stream(prefixes).anyMatch(p.id()::startsWith)).toList();
        assertThat(plots).isNotEmpty();
        for (io.frugal.core.kind.KindPlot p : plots) {
            assertThat(p.series()).as(p.id()).allMatch(s -> !s.points().isEmpty());
            BufferedImage png = ImageIO.read(new java.io.ByteArrayInputStream(io.frugal.analysis.plot.PlotDrawer.png(p)));
            assertThat(coloured(png)).as("coloured pixels of " + p.id() + ".png").isGreaterThan(800);
        }
        String html = new HtmlRenderer().render(report);
        assertThat(html).contains("CPU seconds × W per core").contains("Energy and CO2 per run");
        Path page = store.resolve("report.html");
        Files.writeString(page, html);
        Path bare = store.resolve("bare.html");
        Files.writeString(bare, html.replaceAll("(?s)<figure.*?</figure>", ""));
        int height = 3000 + 600 * report.plots().size();
        Shot withPlots = screenshot(chromium, page, height);
        Shot withoutPlots = screenshot(chromium, bare, height);
        assertThat(withPlots.consoleErrors()).as("console").isEmpty();
        assertThat(withPlots.coloured - withoutPlots.coloured).as("coloured pixels the plots add").isGreaterThan(report.plots().size() * 800);
        Path keep = Path.of("target/html-report-" + name + "-screenshot.png");
        Files.createDirectories(keep.getParent());
        Files.copy(withPlots.file, keep, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return plots.stream().map(io.frugal.core.kind.KindPlot::id).toList();
    }

    record Shot(Path file, int coloured, List<String> consoleErrors) {}

    private Shot screenshot(Path chromium, Path page, int height) throws IOException, InterruptedException {
        Path png = out.resolve(page.getFileName() + ".png");
        Path log = out.resolve(page.getFileName() + ".log");
        List<String> cmd = new ArrayList<>(List.of(chromium.toString(), "--headless", "--disable-gpu", "--no-sandbox",
                "--hide-scrollbars", "--user-data-dir=" + out.resolve("profile-" + page.getFileName()),
                "--enable-logging=stderr", "--v=0", "--virtual-time-budget=5000",
                "--window-size=" + WIDTH + "," + height, "--screenshot=" + png, page.toUri().toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        assertThat(png).as(Files.readString(log)).isRegularFile();
        List<String> errors = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                .filter(l -> l.contains(":CONSOLE") || l.contains("Uncaught") || l.contains("Failed to load resource")
                        || l.contains("ERR_")).toList();
        return new Shot(png, coloured(ImageIO.read(png.toFile())), errors);
    }

    /** Pixels of a clear colour (not white, grey or black): lines, markers, error bars. */
    private static int coloured(BufferedImage img) {
        int coloured = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                int r = (rgb >> 16) & 0xff, g = (rgb >> 8) & 0xff, b = rgb & 0xff;
                if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 60) coloured++;
            }
        }
        return coloured;
    }

    private static Path chromium() {
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) return p;
            }
        }
        return null;
    }
}
