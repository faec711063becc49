package io.frugal.harness.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.frugal.analysis.store.ParallelReads;
import io.frugal.harness.exec.RunState;
import io.frugal.harness.slurm.SlurmAccounting;
import io.frugal.harness.slurm.SlurmCommands;
import io.frugal.harness.slurm.SlurmException;
import io.frugal.harness.slurm.SlurmTracker;
import io.frugal.core.BadInputException;
import io.frugal.core.kind.MetricSchema;
import io.frugal.core.kind.TrainerKinds;
import io.frugal.core.store.Plan;
import io.frugal.core.store.PlannedRun;
import io.frugal.core.store.RunDirectory;
import io.frugal.core.store.RunGraph;
import io.frugal.core.store.RunStore;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code frugal status OUT}: each planned run's state (planned, queued, running, done, failed).
 * When OUT was submitted to SLURM, the run store is merged with SLURM's view, fetched with one
 * sacct call for all the runs (squeue where accounting is off): a run is done only by its
 * result.json; otherwise SLURM says whether it is queued, running or failed, and a failed one is
 * shown with its job id and log. Done runs get their SLURM accounting saved (runs/ID/slurm.json).
 */
@Command(name = "status", description = "Show the state of every planned run in OUT (merged with SLURM's view when OUT was submitted there).")
final class StatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "OUT", description = "An output folder of 'frugal run'.")
    Path out;

    @Option(names = "--summary", description = "Only the counts per state.")
    boolean summaryOnly;

    /** What a run's line shows; {@code epochs} as "done/planned" (empty with --summary). */
    private record Row(RunState.State state, String detail, String epochs) {
        Row(RunState.State state, String detail) {
            this(state, detail, "");
        }

        Row withEpochs(RunState s) {
            return new Row(state, detail, s.epochsDone() + "/" + s.epochs());
        }
    }

    @Override
    public Integer call() {
        RunStore store = new RunStore(out);
        Plan plan = Plan.read(out);
        PrintWriter w = spec.commandLine().getOut();
        SlurmCommands slurm = new SlurmCommands();
        SlurmTracker.View view = slurmView(store, slurm);
        Map<RunState.State, Integer> counts = new EnumMap<>(RunState.State.class);
        if (!summaryOnly) {
            w.printf(Locale.ROOT, "%-12s  %-16s  %-14s  %4s  %-8s  %-9s  %s%n", "run", "experiment", "dataset", "seed", "state", "epochs", "detail");
        }
        Map<String, Row> rows = new java.util.HashMap<>(plan.runs().size() * 4 / 3 + 1);
        SlurmAccounting.Batch accounting = new SlurmAccounting.Batch(store);
        // each run's files are read once, side by side, its accounting checked on the way; the rows are taken in plan order
        ParallelReads.inOrder(plan.runs(), r -> {
            RunDirectory run = store.run(r.id());
            // --summary shows counts: neither the epochs done (metrics.jsonl) nor a row's detail is read or made
            RunState s = RunState.of(run, r, !summaryOnly);
            SlurmTracker.TaskView t = view == null ? null : view.runs().get(s.runId());
            // done is the run store's word (result.json, valid or not), never SLURM's COMPLETED alone
            if (t != null && (s.state() == RunState.State.DONE || s.state() == RunState.State.FAILED && run.isDone())) accounting.check(run, t);
            // the row only: a state holds its result.json's tree, and 100 000 of them kept would be garbage collected over and over
            Row row = merged(s, t, r, store, !summaryOnly);
            return Map.entry(r.id(), summaryOnly ? row : row.withEpochs(s));
        }, e -> rows.put(e.getKey(), e.getValue()));
        accounting.write(); // one batch: a constant number of syncs, however many files changed
        // a run that needs a failed run can never start: blocked, with the failed run's id
        // (no failed run, none blocked: the graph of 100 000 runs is not built)
        boolean anyFailed = rows.values().stream().anyMatch(r -> r.state() == RunState.State.FAILED);
        Map<String, String> blocked = !anyFailed ? Map.of()
                : new RunGraph(plan).blockedBy(id -> rows.get(id).state() == RunState.State.FAILED);
        List<String> cancel = new java.util.ArrayList<>();
        blocked.forEach((id, cause) -> {
            Row row = rows.get(id);
            if (row.state() == RunState.State.DONE || row.state() == RunState.State.RUNNING) return;
            SlurmTracker.TaskView t = view == null ? null : view.runs().get(id);
            String note = "";
            if (t != null && row.state() == RunState.State.QUEUED) {
                cancel.add(t.jobId()); // its afterok can never be met: do not leave it pending forever
                note = "; job " + t.jobId() + " cancelled";
            }
            rows.put(id, new Row(RunState.State.BLOCKED, "needs run " + cause + ", which failed" + note, row.epochs()));
        });
        if (!cancel.isEmpty()) cancelJobs(slurm, cancel);
        // the rows go out in blocks: the console's writer flushes after every printf (100 000 system calls)
        StringBuilder block = new StringBuilder();
        for (PlannedRun r : plan.runs()) {
            Row row = rows.get(r.id());
            counts.merge(row.state(), 1, Integer::sum);
            if (summaryOnly) continue;
            // the header's columns, padded by hand: a Formatter parses its pattern again for every row
            padRight(block, r.id(), 12).append("  ");
            padRight(block, r.experiment(), 16).append("  ");
            padRight(block, r.dataset(), 14).append("  ");
            padLeft(block, Long.toString(r.seed()), 4).append("  ");
            padRight(block, row.state().label(), 8).append("  ");
            padRight(block, row.epochs(), 9).append("  ");
            block.append(row.detail()).append(System.lineSeparator());
            if (block.length() > 1 << 16) {
                w.print(block);
                block.setLength(0);
            }
        }
        w.print(block);
        StringBuilder line = new StringBuilder(plan.runs().size() + " runs:");
        for (RunState.State st : RunState.State.values()) {
            line.append(' ').append(counts.getOrDefault(st, 0)).append(' ').append(st.label()).append(',');
        }
        line.setLength(line.length() - 1);
        w.println(line);
        if (view != null) {
            w.printf(Locale.ROOT, "SLURM (%s, %d sacct + %d squeue call(s)): report job %s%n", view.source(), slurm.calls("sacct"),
                    slurm.calls("squeue"), view.reportJobId() == null ? "not known" : view.reportJobId() + " " + view.reportState());
        }
        return Main.OK;
    }

    /** {@code text} and spaces to {@code width}, as {@code %-WIDTHs} prints it (never cut short). */
    static StringBuilder padRight(StringBuilder out, String text, int width) {
        String t = String.valueOf(text); // "null", as %s prints it
        out.append(t);
        for (int i = t.length(); i < width; i++) out.append(' ');
        return out;
    }

    /** Spaces, then {@code text}, to {@code width}, as {@code %WIDTHs} prints it. */
    static StringBuilder padLeft(StringBuilder out, String text, int width) {
        for (int i = text.length(); i < width; i++) out.append(' ');
        return out.append(text);
    }

    /** SLURM's view; null when OUT was not submitted or SLURM cannot answer. */
    private SlurmTracker.View slurmView(RunStore store, SlurmCommands slurm) {
        try {
            return SlurmAccounting.view(store, slurm);
        } catch (SlurmException e) {
            spec.commandLine().getErr().println("frugal: warning: " + e.getMessage() + "; showing the run store only");
            return null;
        }
    }

    /**
     * The run store decides done (result.json) and a live lock; otherwise SLURM's latest state of
     * the run's task. Without {@code details} (--summary) the state alone, with an empty detail.
     */
    private static Row merged(RunState s, SlurmTracker.TaskView t, PlannedRun planned, RunStore store, boolean details) {
        if (s.state() == RunState.State.DONE || s.state() == RunState.State.RUNNING || t == null) {
            return new Row(s.state(), details ? detail(s, planned, store) : "");
        }
        if (!details) {
            return new Row(switch (t.runState()) {
                case QUEUED -> RunState.State.QUEUED;
                case RUNNING -> RunState.State.RUNNING;
                default -> RunState.State.FAILED;
            }, "");
        }
        String job = "job " + t.jobId();
        return switch (t.runState()) {
            case QUEUED -> new Row(RunState.State.QUEUED, job + " " + t.slurmState() + (s.epochsDone() > 0 ? ", resumes from its checkpoint" : ""));
            case RUNNING -> new Row(RunState.State.RUNNING, job + " " + t.slurmState());
            default -> new Row(RunState.State.FAILED, "SLURM " + t.slurmState() + (t.slurmState().equals("COMPLETED") ? " without result.json" : "")
                    + " (exit " + t.exitCode() + "), " + job + ", log " + t.log()
                    + (s.failure() != null ? ": " + s.failure().path("message").asText() : "")
                    + (t.retryable() ? "; retry: frugal run OUT --retry-failed --executor slurm --cluster PROFILE" : ""));
        };
    }

    /** The run's primary metric as its kind names and formats it (the kind from the plan: config.json says the same). */
    private static String doneDetail(RunState s, PlannedRun planned) {
        try {
            MetricSchema.Metric m = TrainerKinds.of(planned.config()).metrics().primary();
            return m.label() + " " + m.format(s.result().path(m.key()).asDouble());
        } catch (RuntimeException e) {
            return "";
        }
    }

    private void cancelJobs(SlurmCommands slurm, List<String> jobIds) {
        try {
            SlurmCommands.Result r = slurm.run(SlurmCommands.command("scancel", jobIds));
            if (!r.ok()) spec.commandLine().getErr().println("frugal: warning: scancel of blocked jobs failed: " + r.message());
        } catch (SlurmException e) {
            spec.commandLine().getErr().println("frugal: warning: cannot cancel blocked jobs: " + e.getMessage());
        }
    }

    private static String detail(RunState s, PlannedRun planned, RunStore store) {
        return switch (s.state()) {
            case DONE -> doneDetail(s, planned);
            case FAILED -> s.failure().path("message").asText() + " (log: " + store.run(s.runId()).log() + ")";
            case PLANNED -> s.epochsDone() > 0 ? "resumes from its checkpoint" : "";
            default -> "";
        };
    }
}
