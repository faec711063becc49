package io.frugal.analysis.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.frugal.analysis.StoreFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {
    @TempDir
    Path out;

    @Test
    void writesEveryFormatAndNoTempFiles() throws IOException {
        StoreFixture.twoDatasets(out);
        Report report = Report.of(out);
        Path dir = out.resolve("report");
        ReportWriter.writeFiles(ReportWriter.files(report, ReportWriter.renderAll(report)), dir);
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()))
                    .contains("report.md", "report.csv", "report.json", "report.tex", "report.html",
                            "plots/classifier-mnist-metric-vs-cost.png", "plots/classifier-mnist-metric-vs-cost.svg")
                    .allMatch(name -> !name.endsWith(".tmp") && !name.contains("/."));
        }
        assertThat(Files.readString(dir.resolve("report.md"))).isEqualTo(new MarkdownRenderer().render(report));
    }

    @Test
    void theSameStoreGivesTheSameReport() {
        StoreFixture.twoDatasets(out);
        // No timestamps: a report is a function of the store, so re-running it changes nothing.
        assertThat(ReportWriter.renderAll(Report.of(out))).isEqualTo(ReportWriter.renderAll(Report.of(out)));
    }
}
