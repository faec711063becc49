package io.frugal.harness.cli;

import io.frugal.analysis.report.Report;
import io.frugal.analysis.report.ReportFormat;
import io.frugal.analysis.report.ReportWriter;
import io.frugal.analysis.store.RunRecord;
import io.frugal.analysis.store.RunState;
import io.frugal.analysis.store.RunStoreReader;
import io.frugal.harness.slurm.SlurmAccounting;
import io.frugal.harness.slurm.SlurmCommands;
import io.frugal.harness.slurm.SlurmException;
import io.frugal.core.BadInputException;
import io.frugal.core.store.AtomicFiles;
import io.frugal.core.store.RunStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code frugal report OUT}: aggregates an output folder into tables. Prints one format to stdout
 * (or to --output) and writes every format into OUT/report/. Failed and unfinished runs are
 * listed in the report, not an error: exit 0 whenever OUT is a run store. When OUT was submitted
 * to SLURM, the accounting of its done runs is refreshed first (one sacct call), so that the
 * report job at the end of a submission has its runtime figures without anybody running status.
 */
@Command(name = "report", mixinStandardHelpOptions = true, description = {
        "Aggregate the runs of an output folder: per dataset x experiment, top-1",
        "mean, sd, SE and 95%% CI; evaluations and runtime against the baseline;",
        "Welch tests against the baseline, Holm-adjusted across the table.",
        "Prints FORMAT and writes report.md, .csv, .json, .tex, .html and plots/ (PNG, SVG) into OUT/report/.",
        "When OUT was submitted to SLURM, first saves the accounting of its done",
        "runs (one sacct call); the tables then get SLURM elapsed, queue wait and",
        "restarts columns.",
        "Failed and unfinished runs are listed in the report: exit 0 unless OUT",
        "is not a run store (exit 2, nothing written)."})
final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "OUT", description = "output folder of `frugal run` (holds plan.json)")
    Path out;

    @Option(names = "--format", paramLabel = "FORMAT", converter = FormatConverter.class,
            description = "md (default), csv, json, tex or html")
    ReportFormat format = ReportFormat.MD;

    @Option(names = "--output", paramLabel = "FILE", description = "write FORMAT to FILE instead of stdout")
    Path output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (output != null && Files.isDirectory(output)) {
            throw new BadInputException("--output " + output + " is a directory; give a file name");
        }
        // OUT may be read-only (an archived or shared store): with --output the report then goes there only
        boolean intoStore = output == null || Files.isWritable(out);
        if (Files.isWritable(out)) refreshSlurmAccounting();
        Report report = Report.of(out);
        Map<ReportFormat, String> texts = ReportWriter.renderAll(report);
        Map<String, byte[]> files = ReportWriter.files(report, texts);
        Path reportDir = new RunStore(out).reportDir();
        if (intoStore) ReportWriter.writeFiles(files, reportDir);
        if (output != null) {
            AtomicFiles.writeString(output, texts.get(format));
        } else {
            spec.commandLine().getOut().print(texts.get(format));
            // picocli's default writer does not flush on exit; a report lost in a buffer is no report.
            spec.commandLine().getOut().flush();
        }
        leftOut(report);
        spec.commandLine().getErr().printf("frugal: report of %d/%d done runs (%d failed) written to %s%s%n",
                report.count(RunState.DONE), report.planned(), report.count(RunState.FAILED), intoStore ? reportDir : output,
                intoStore && output != null ? " and " + output : "");
        spec.commandLine().getErr().flush();
        return Main.OK;
    }

    /**
     * Names on standard error every planned run the tables do not count, with why, and every
     * problem met while reading: a damaged result.json must not be news only to readers of the
     * report file.
     */
    private void leftOut(Report report) {
        java.io.PrintWriter err = spec.commandLine().getErr();
        for (RunRecord r : report.snapshot().runs()) {
            if (r.isDone()) continue;
            StringBuilder line = new StringBuilder("frugal: left out: run ").append(r.id()).append(" (")
                    .append(r.planned().dataset()).append(" / ").append(r.planned().experiment()).append(", seed ")
                    .append(r.planned().seed()).append("): ").append(r.state().label());
            if (r.state() == RunState.FAILED && r.failure() != null && r.failure().message() != null) {
                line.append(": ").append(r.failure().message().strip().replaceAll("\\s*\\R\\s*", " / "));
            }
            if (r.problem() != null) line.append(": ").append(r.problem());
            err.println(line);
        }
        for (String p : report.problems()) {
            if (!p.startsWith("run ") || !p.contains("result.json")) err.println("frugal: warning: " + p);
        }
    }

    /**
     * Saves runs/ID/slurm.json for every done run of OUT's SLURM submissions (nothing to do for a
     * local OUT). SLURM that cannot answer (no client here, controller down) costs the fresh
     * figures, not the report: it is made from the accounting already on disk.
     */
    private void refreshSlurmAccounting() {
        RunStore store = new RunStore(out);
        if (!Files.isDirectory(store.slurmDir())) return;
        // bad input must leave OUT untouched: check the plan before any slurm.json is written
        RunStoreReader.readPlan(out);
        try {
            SlurmAccounting.refresh(store, new SlurmCommands());
        } catch (SlurmException e) {
            spec.commandLine().getErr().println("frugal: warning: " + e.getMessage().strip().replaceAll("\\s*\\R\\s*", " / ")
                    + "; SLURM accounting not refreshed");
        }
    }

    static final class FormatConverter implements CommandLine.ITypeConverter<ReportFormat> {
        @Override
        public ReportFormat convert(String value) {
            return Arrays.stream(ReportFormat.values()).filter(f -> f.id().equalsIgnoreCase(value)).findFirst()
                    .orElseThrow(() -> new CommandLine.TypeConversionException("unknown format '" + value + "' (known: "
                            + Arrays.stream(ReportFormat.values()).map(ReportFormat::id).collect(Collectors.joining(", ")) + ")"));
        }
    }
}
