package io.frugal.harness.cli;

import io.frugal.core.BadInputException;
import io.frugal.methods.data.DatasetLocator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code frugal quickstart}: a small real reproduction on this machine. Checks that Fashion-MNIST
 * is there (or says exactly how to get it), runs manifests/quickstart.yaml on the local executor,
 * and prints the report. Running it again reuses what is done.
 */
@Command(name = "quickstart", description = "Run manifests/quickstart.yaml locally (Fashion-MNIST) and print the report.")
final class QuickstartCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", defaultValue = "out/quickstart", description = "Output folder (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--jobs", defaultValue = "2", description = "Runs trained at once (default ${DEFAULT-VALUE}).")
    int jobs;

    @Override
    public Integer call() {
        Path manifest = home().resolve("manifests").resolve("quickstart.yaml");
        if (!Files.isRegularFile(manifest)) {
            throw new BadInputException(manifest + ": the quickstart manifest is missing (set FRUGAL_HOME to the frugal checkout)");
        }
        DatasetLocator.system().locate("fashion-mnist"); // not found: an error listing the places searched and how to get it
        CommandLine root = spec.root().commandLine();
        int code = root.execute("run", manifest.toString(), "--out", out.toString(), "--jobs", Integer.toString(jobs));
        if (code != Main.OK) return code;
        return root.execute("report", out.toString());
    }

    /** The frugal checkout: FRUGAL_HOME (set by the launcher) or the current folder. */
    static Path home() {
        String h = System.getenv("FRUGAL_HOME");
        return h != null && !h.isBlank() ? Path.of(h) : Path.of("").toAbsolutePath();
    }
}
