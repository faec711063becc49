package io.frugal.harness.cli;

import io.frugal.core.BadInputException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code frugal} command line. Exit codes (README, "Using it"): 0 success, 1 a run
 * or command failed, 2 bad input (nothing started, nothing written), 3 interrupted after a
 * checkpoint was saved.
 */
@Command(name = "frugal", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT, versionProvider = Main.Version.class,
        description = "Reproduce training-with-less-compute papers: manifests -> runs -> reports.",
        subcommands = {QuickstartCommand.class, ValidateCommand.class, PlanCommand.class, RunCommand.class, StatusCommand.class,
                ReportCommand.class, CompareCommand.class, VerifyCommand.class, ExportCommand.class, TrainCommand.class, DataCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int BAD_INPUT = 2;
    public static final int INTERRUPTED = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the CLI in this JVM and returns the exit code (tests call this). */
    public static int execute(String... args) {
        CommandLine cl = commandLine();
        int code = cl.execute(args);
        // picocli's default writers do not flush on their own
        cl.getOut().flush();
        cl.getErr().flush();
        return code;
    }

    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = commandLine();
        cl.setOut(out);
        cl.setErr(err);
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExitCodeExceptionMapper(e -> e instanceof BadInputException ? BAD_INPUT : FAILED);
        cl.setParameterExceptionHandler((ex, args) -> {
            ex.getCommandLine().getErr().println("frugal: " + ex.getMessage());
            ex.getCommandLine().getErr().println("see: frugal " + ex.getCommandLine().getCommandName() + " --help");
            return BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof BadInputException) {
                commandLine.getErr().println("frugal: error: " + ex.getMessage());
                return BAD_INPUT;
            }
            commandLine.getErr().println("frugal: failed: " + ex);
            ex.printStackTrace(commandLine.getErr());
            return FAILED;
        });
        return cl;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"frugal " + (v == null ? "dev" : v)};
        }
    }
}
