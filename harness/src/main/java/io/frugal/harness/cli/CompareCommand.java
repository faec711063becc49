package io.frugal.harness.cli;

import io.frugal.analysis.compare.StoreComparison;
import io.frugal.analysis.report.ComparisonRenderer;
import io.frugal.core.BadInputException;
import io.frugal.core.store.AtomicFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code frugal compare OUT_A OUT_B}: the cells two run stores share, compared. Reads both, writes
 * nothing into either; exit 0 when they share a cell (whatever the verdicts), 2 when they share
 * none or one is no run store.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, description = {
        "Compare two run stores cell by cell (cells matched by dataset, experiment",
        "and matrix values): the difference of means B - A with its 95% Welch",
        "interval, equivalence within --margin (two one-sided tests), and the runs",
        "of one config (same run id) whose results are not bitwise equal.",
        "Prints Markdown (or writes it to --output). Exit 0 when the stores share a",
        "cell, 2 when they share none or one is not a run store."})
final class CompareCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "OUT_A", description = "first output folder (holds plan.json)")
    Path a;

    @Parameters(index = "1", paramLabel = "OUT_B", description = "second output folder (holds plan.json)")
    Path b;

    @Option(names = "--margin", paramLabel = "M", description = "equivalence margin in the metric's stored unit "
            + "(a fraction for accuracies: 0.005 = 0.5 percentage points; default ${DEFAULT-VALUE})")
    double margin = 0.005;

    @Option(names = "--output", paramLabel = "FILE", description = "write the comparison to FILE instead of stdout")
    Path output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (output != null && Files.isDirectory(output)) {
            throw new BadInputException("--output " + output + " is a directory; give a file name");
        }
        StoreComparison c = StoreComparison.of(a, b, margin);
        String text = ComparisonRenderer.markdown(c);
        if (output != null) {
            AtomicFiles.writeString(output, text);
        } else {
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
        }
        spec.commandLine().getErr().printf("frugal: %d shared cells, %d identical; %d runs of one config not bitwise equal%n",
                c.cells().size(), c.cells().stream().filter(x -> x.identical()).count(), c.mismatches().size());
        spec.commandLine().getErr().flush();
        return Main.OK;
    }
}
