package io.frugal.harness.manifest;

import io.frugal.core.BadInputException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A manifest (with its profile and overrides) that cannot be planned, with every problem found,
 * sorted by place. The message has a header line and then one problem per line, so that the CLI's
 * generic "frugal: error: MESSAGE" still leaves each FILE:LINE:COL line intact.
 */
public class ManifestException extends BadInputException {
    private final transient List<ManifestProblem> problems;

    public ManifestException(String manifest, List<ManifestProblem> problems) {
        super(header(manifest, problems) + "\n"
                + problems.stream().map(ManifestProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    private static String header(String manifest, List<ManifestProblem> problems) {
        int n = problems.size();
        return manifest + ": " + n + (n == 1 ? " problem" : " problems") + "; nothing was planned or written";
    }

    /** Sorted by place, each problem once. */
    public List<ManifestProblem> problems() {
        return problems;
    }
}
