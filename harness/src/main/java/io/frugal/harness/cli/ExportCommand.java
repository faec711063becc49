package io.frugal.harness.cli;

import io.frugal.analysis.store.RunStoreReader;
import io.frugal.core.BadInputException;
import io.frugal.reproducibility.crate.RoCrateWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code frugal export OUT --ro-crate DIR}: the run store as an RO-Crate (Process Run Crate profile). */
@Command(name = "export", description = "Export OUT as an RO-Crate 1.1 (Process Run Crate profile).")
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "OUT", description = "The output folder (holds plan.json).")
    Path out;

    @Option(names = "--ro-crate", paramLabel = "DIR", required = true, description = "Folder to write the crate into (new or empty).")
    Path dir;

    @Override
    public Integer call() throws Exception {
        RunStoreReader.readPlan(out);
        if (Files.isDirectory(dir)) {
            try (var s = Files.list(dir)) {
                if (s.findAny().isPresent()) throw new BadInputException(dir + ": not empty; export into a new or empty folder");
            }
        } else if (Files.exists(dir)) {
            throw new BadInputException(dir + ": exists and is not a folder");
        }
        String version = Main.class.getPackage().getImplementationVersion();
        Path meta = RoCrateWriter.write(RunStoreReader.read(out), dir, version == null ? "dev" : version);
        spec.commandLine().getOut().println("RO-Crate written: " + meta);
        return Main.OK;
    }
}
