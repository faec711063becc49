package io.frugal.analysis.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.frugal.analysis.StoreFixture;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkdownRendererTest {
    @TempDir
    Path out;

    private String render() {
        String md = new MarkdownRenderer().render(Report.of(out));
        if (System.getenv("FRUGAL_SHOW_REPORT") != null) System.out.println(md);
        return md;
    }

    private static String line(String md, String start) {
        return md.lines().filter(l -> l.startsWith(start)).findFirst().orElseThrow();
    }

    /** The last three cells of a table line (the SLURM columns where there are some), unpadded. */
    private static List<String> lastCells(String tableLine) {
        String[] cells = tableLine.substring(1, tableLine.length() - 1).split("\\|");
        return Arrays.stream(cells, cells.length - 3, cells.length).map(String::strip).toList();
    }

    @Test
    void headerSaysWhatTheReportWasComputedFrom() {
        StoreFixture.twoDatasets(out);
        String md = render();
        assertThat(md).startsWith("# frugal report: data-reduction (arXiv:2208.02007)\n");
        assertThat(md).contains("- manifest: `manifests/data-reduction.yaml`, sha256 `" + StoreFixture.MANIFEST_SHA + "`");
        assertThat(md).contains("- profile: `smoke`; overrides: `epochs=2`");
        assertThat(md).contains("- runs: 12 planned, 10 done, 1 failed, 1 unfinished");
        assertThat(md).contains("- baseline: `baseline`");
        assertThat(md).containsPattern("- computed from: 10 done runs, results sha256 `[0-9a-f]{64}`; code version `unknown`");
    }

    @Test
    void rowsShowPercentagesRatiosAndTheComparison() {
        StoreFixture.twoDatasets(out);
        String md = render();
        String base = line(md, "| mnist   | baseline ");
        assertThat(base).containsPattern("\\|\\s+3/3 \\|").contains("98.00 ± 1.00").contains("[95.52, 100.48]").contains("1.0000")
                .contains("16,000").contains("110.0 ± 10.0");
        String step = line(md, "| mnist   | step-E1");
        assertThat(step).contains("2/3 (1 failed) !").contains("95.50 ± 0.71").contains("0.4375").contains("0.4318")
                .contains("-2.50");
        String e2 = line(md, "| mnist   | step-E2");
        // One run: a mean, no spread, a difference but no test.
        assertThat(e2).contains("1/2 !").containsPattern("\\|\\s+94.00 \\|").contains("-4.00").contains("n/a");
    }

    @Test
    void tableColumnsLineUpForATerminal() {
        StoreFixture.twoDatasets(out);
        String md = render();
        var tableLines = md.lines().filter(l -> l.startsWith("|")).toList();
        assertThat(tableLines).hasSize(2 + 5);
        assertThat(tableLines).extracting(String::length).containsOnly(tableLines.get(0).length());
    }

    @Test
    void failedAndUnfinishedRunsAreListedWithTheirReason() {
        StoreFixture.twoDatasets(out);
        String md = render();
        assertThat(md).contains("## Failed and unfinished runs");
        assertThat(md).contains("- mnist / step-E1: 2/3 done\n  - `m-s3` seed 3: failed, exit 1: CUDA out of memory / at line 3\n");
        assertThat(md).contains("- mnist / step-E2: 1/2 done\n  - `m-e2` seed 2: not started\n");
        assertThat(md).contains("Holm-adjusted over the family of the 2 rows of this table with at least 2 done runs on each side");
    }

    @Test
    void problemsGetTheirOwnSection() {
        StoreFixture.twoDatasets(out).file("c-b2", "result.json", "{");
        String md = render();
        assertThat(md).contains("## Problems\n\n- run c-b2: result.json not valid JSON");
        assertThat(md).contains("  - `c-b2` seed 2: corrupt result: not valid JSON").doesNotContain("REDACTED");
    }

    @Test
    void aBaselineWithAnotherNameIsMarked() {
        StoreFixture f = new StoreFixture(out).planned("f1", "mnist", "full", 1, 16000).planned("s1", "mnist", "step-E1", 1, 7000);
        f.plan().put("baseline", "full");
        f.write();
        String md = render();
        assertThat(md).contains("| full (baseline) |").contains("- baseline: `full`");
        // Nothing done yet: evaluations come from the plan and say so.
        assertThat(line(md, "| mnist   | step-E1")).contains("~7,000").contains("0.4375").contains("0/1 !");
    }

    @Test
    void localRunsGetNoSlurmColumnsOrNote() {
        StoreFixture.twoDatasets(out);
        String md = render();
        assertThat(md).doesNotContain("SLURM").doesNotContain("queue s");
    }

    @Test
    void slurmAccountingAddsColumnsAndANote() {
        StoreFixture.twoDatasets(out)
                .slurm("m-b1", 0, 100, 100, 10).slurm("m-b2", 1, 60, 140, 20).slurm("m-b3", 0, 120, 120, 30)
                .slurm("m-s1", 2, 30, 90, 4);
        String md = render();
        String header = line(md, "| dataset");
        assertThat(header).containsPattern("\\| seeds \\(power\\) \\|.*\\| energy source \\|\\s+SLURM s \\| queue s \\| restarts \\|$");
        assertThat(lastCells(line(md, "| mnist   | baseline "))).containsExactly("120.0 ± 20.0", "20.0", "1");
        // one of the two done runs was accounted: the cell says so
        assertThat(lastCells(line(md, "| mnist   | step-E1"))).containsExactly("90.0 (n=1 of 2)", "4.0", "2");
        assertThat(lastCells(line(md, "| cifar10 | baseline"))).containsExactly("n/a (n=0 of 2)", "n/a", "n/a");
        assertThat(md).contains("\nSLURM columns, from the accounting saved with each done run that SLURM executed: "
                + "*SLURM s*: elapsed job time summed over all attempts of a run");
        var tableLines = md.lines().filter(l -> l.startsWith("|")).toList();
        assertThat(tableLines).extracting(String::length).containsOnly(tableLines.get(0).length());
    }

    @Test
    void aDamagedSlurmJsonIsAProblemAndTheReportIsStillMade() {
        StoreFixture.twoDatasets(out).slurm("m-b1", 0, 100, 100, 10).file("m-b2", "slurm.json", "not json");
        String md = render();
        assertThat(md).contains("## Problems\n\n- run m-b2: slurm.json not valid JSON");
        assertThat(lastCells(line(md, "| mnist   | baseline "))).containsExactly("100.0 (n=1 of 3)", "10.0", "0");
    }
}
