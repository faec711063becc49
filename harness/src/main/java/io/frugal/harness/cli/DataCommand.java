package io.frugal.harness.cli;

import io.frugal.core.BadInputException;
import io.frugal.methods.data.DatasetCatalog;
import io.frugal.methods.data.DatasetFetcher;
import io.frugal.methods.data.DatasetInfo;
import io.frugal.methods.data.DatasetLocator;
import io.frugal.methods.data.DatasetSource;
import io.frugal.methods.data.DatasetVerifier;
import io.frugal.methods.data.DatasetVerifier.FileCheck;
import io.frugal.methods.data.DatasetVerifier.Verification;
import io.frugal.methods.data.Datasets;
import io.frugal.methods.data.LoadedDataset;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code frugal data list|verify NAME|fetch NAME}: where datasets are, whether they are intact, and getting them. */
@Command(name = "data", mixinStandardHelpOptions = true, description = "Datasets: where they are found, checks against published checksums, download.",
        subcommands = {DataCommand.ListDatasets.class, DataCommand.Verify.class, DataCommand.Fetch.class},
        synopsisSubcommandLabel = "(list | verify NAME | fetch NAME)")
final class DataCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every known dataset: found or missing, where, published sizes, how to get it.")
    static final class ListDatasets implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            DatasetLocator locator = DatasetLocator.system();
            String row = "%-14s %-8s %7s %7s  %s%n";
            out.printf(row, "dataset", "status", "train", "test", "where / how to get it");
            for (DatasetSource source : locator.catalog().sources()) {
                DatasetInfo info = Datasets.info(source.name());
                DatasetLocator.Search search = locator.search(source.name());
                String status = search.found().isPresent() ? "found" : "missing";
                String where = search.found().map(c -> c.dir() + " (" + c.origin() + ")").orElse(source.howToGet());
                out.printf(row, source.name(), status, info.trainSize(), info.testSize(), where);
            }
            out.println("search order: $" + DatasetLocator.ENV_VAR + ", -D" + DatasetLocator.PROPERTY
                    + ", ~/.config/frugal/datasets.properties, ./data/NAME, ~/.cache/frugal/datasets/NAME, /usr/share/datasets/NAME");
            return Main.OK;
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true, description = "Check every file of a dataset: presence, format, sizes, published checksums; "
            + "print each file's sha256. Exit 0 if all good, 2 otherwise.")
    static final class Verify extends NamedDatasetCommand {
        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            DatasetInfo info = Datasets.info(name);
            DatasetLocator locator = DatasetLocator.system();
            Path dir = locator.locate(name);
            out.println("verifying " + name + " in " + dir);
            out.flush();
            Verification v = DatasetVerifier.verify(info, locator.catalog().source(name), dir);
            for (FileCheck f : v.files()) {
                out.printf("  %-4s %s%n", f.ok() ? "ok" : "BAD", dir.relativize(f.path()));
                if (f.bytes() > 0) {
                    out.printf("         %d bytes%s; %s%n         sha256 %s%n", f.bytes(), f.gzip() ? ", gzip" : "", f.checksum(),
                            f.sha256());
                }
                if (!f.ok()) out.println("         problem: " + f.problem());
            }
            if (v.trainCount() != null) {
                out.printf("  images: %d train, %d test (published: %d, %d)%n", v.trainCount(), v.testCount(),
                        info.trainSize(), info.testSize());
            }
            out.flush();
            List<String> problems = v.allProblems();
            if (!problems.isEmpty()) {
                throw new BadInputException(name + " in " + dir + " failed verification (" + problems.size() + " problem"
                        + (problems.size() == 1 ? "" : "s") + "):\n  " + String.join("\n  ", problems));
            }
            out.println(name + ": all " + v.files().size() + " files good");
            return Main.OK;
        }
    }

    @Command(name = "fetch", mixinStandardHelpOptions = true, description = "Download a dataset's official files, checking published checksums "
            + "(default target ~/.cache/frugal/datasets/NAME).")
    static final class Fetch extends NamedDatasetCommand {
        @Option(names = "--to", paramLabel = "DIR", description = "folder to put the files in")
        Path to;

        @Option(names = "--url-base", paramLabel = "URL", description = "download from this base URL instead of the official one (a mirror)")
        String urlBase;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            DatasetInfo info = Datasets.info(name);
            DatasetLocator locator = DatasetLocator.system();
            DatasetSource source = DatasetCatalog.standard().source(name);
            Path target = to != null ? to.toAbsolutePath() : locator.defaultFetchTarget(name);
            out.println("fetching " + name + " into " + target);
            try {
                LoadedDataset ds = new DatasetFetcher(out).fetch(info, source, urlBase, target);
                out.printf("%s: %d train, %d test images in %s%n", name, ds.train().count(), ds.test().count(), target);
                if (to != null) {
                    out.println("to use it, set " + DatasetLocator.ENV_VAR + "=" + target
                            + " or add `" + name + "=" + target + "` to ~/.config/frugal/datasets.properties");
                }
                return Main.OK;
            } catch (DatasetFetcher.DownloadException e) {
                spec.commandLine().getErr().println("frugal: failed: " + e.getMessage());
                return Main.FAILED;
            }
        }
    }

    /** What verify and fetch share: the dataset name argument and the command spec (for its writers). */
    abstract static class NamedDatasetCommand implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "dataset name (see `frugal data list`)")
        String name;
    }
}
