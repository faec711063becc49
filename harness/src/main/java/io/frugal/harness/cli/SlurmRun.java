package io.frugal.harness.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.frugal.harness.exec.RunState;
import io.frugal.core.store.Plan;
import io.frugal.harness.plan.PlanWriter;
import io.frugal.core.store.PlannedRun;
import io.frugal.harness.slurm.ClusterProfile;
import io.frugal.harness.slurm.JobTemplates;
import io.frugal.harness.slurm.SlurmCommands;
import io.frugal.harness.slurm.SlurmSubmitter;
import io.frugal.harness.slurm.SlurmTracker;
import io.frugal.harness.slurm.Submission;
import io.frugal.core.BadInputException;
import io.frugal.core.store.RunStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code frugal run ... --executor slurm --cluster PROFILE}: the cluster path of RunCommand. The
 * profile is read (and must be valid) before anything is written; then the plan is written like
 * on the local executor, and the runs that need training are submitted. A run is never submitted
 * again if it is done, or queued or running in an earlier submission of the same OUT.
 */
final class SlurmRun {
    private final Path clusterFile;
    private final SlurmSubmitter.Mode mode;
    private final Set<String> retryStates;
    private final boolean retryFailedOnly;
    private final boolean planFromStore;

    /** {@code planFromStore}: the plan was read from the store's own plan.json (--resume, --retry-failed into the same folder). */
    SlurmRun(Path clusterFile, SlurmSubmitter.Mode mode, boolean retryFailedOnly, Set<String> retryStates, boolean planFromStore) {
        this.clusterFile = clusterFile;
        this.mode = mode;
        this.retryFailedOnly = retryFailedOnly;
        this.retryStates = retryStates;
        this.planFromStore = planFromStore;
    }

    int run(Plan plan, RunStore store, PrintWriter w) {
        if (clusterFile == null) throw new BadInputException("--executor slurm needs --cluster PROFILE (a cluster profile; see jobs/clusters/)");
        ClusterProfile profile = ClusterProfile.load(clusterFile);
        for (String s : retryStates) {
            if (!SlurmTracker.FAILED_STATES.contains(s)) {
                throw new BadInputException("--states: '" + s + "' is not a SLURM failure state; use some of " + String.join(",", new java.util.TreeSet<>(SlurmTracker.FAILED_STATES)));
            }
        }
        SlurmCommands slurm = new SlurmCommands();
        SlurmSubmitter submitter = new SlurmSubmitter(store, profile, clusterFile, slurm, JobTemplates.find());
        // a plan read from this store's plan.json is in place already: plan.json is written after
        // every config it names, so comparing 100 000 configs with themselves would only read them all
        // (unless a plan write was interrupted after plan.json: then PlanWriter clears what it left)
        boolean inPlace = planFromStore && !java.nio.file.Files.exists(store.planning());
        if (mode == SlurmSubmitter.Mode.SUBMIT && !inPlace) PlanWriter.write(store, plan);
        Map<String, JsonNode> toSubmit = select(plan, store, slurm, w);
        if (toSubmit.isEmpty() && !otherStates.isEmpty()) {
            w.println("frugal run: nothing to submit: no failed run's last SLURM state is " + String.join(" or ", retryStates)
                    + "; the failed runs' states: " + otherStates.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")")
                            .collect(java.util.stream.Collectors.joining(", "))
                    + " (leave out --states to retry them all)");
            return Main.OK;
        }
        if (toSubmit.isEmpty()) {
            w.println("frugal run: nothing to submit: every run of " + store.root() + " is done, queued or running (see: frugal status " + store.root() + ")");
            return Main.OK;
        }
        SlurmSubmitter.Outcome o = submitter.submit(toSubmit, mode, w::println);
        switch (mode) {
            case DRY_RUN -> w.printf(Locale.ROOT, "dry run: %d runs rendered as %d array script(s) and a report script in %s (nothing submitted)%n",
                    o.runs(), o.arrays(), o.dir());
            case VALIDATE -> w.printf(Locale.ROOT, "validated: %d runs in %d array script(s) and a report script, accepted by sbatch --test-only (%s)%n",
                    o.runs(), o.arrays(), o.dir());
            case SUBMIT -> {
                Submission s = o.submission();
                w.printf(Locale.ROOT, "frugal run: submitted %d runs of %s as %d array job(s) %s and report job %s (after all of them); %d sbatch calls%n",
                        o.runs(), plan.name(), s.arrays().size(), s.arrays().stream().map(Submission.Array::jobId).toList(),
                        s.reportJobId(), slurm.calls("sbatch"));
                w.println("scripts and logs: " + s.dir());
                w.println("follow: ./frugal status " + store.root());
            }
        }
        return Main.OK;
    }

    /** Failed runs left out by --states, by their last SLURM state: said when nothing is left to submit. */
    private final Map<String, Integer> otherStates = new java.util.TreeMap<>();

    /**
     * Runs to submit: not done; not queued or running in SLURM; with --retry-failed only failed ones
     * (in the given SLURM states). And a run whose task is still pending on a run submitted again
     * now: its {@code afterok} names that run's earlier job, which ended without success, so it can
     * never start (SLURM cancels such a task only on a later scheduling pass, and never while it is
     * held): that task is cancelled and the run submitted again, after its input's new job.
     */
    private Map<String, JsonNode> select(Plan plan, RunStore store, SlurmCommands slurm, PrintWriter w) {
        List<Submission> earlier = Submission.all(store);
        SlurmTracker.View view = earlier.isEmpty() || mode == SlurmSubmitter.Mode.DRY_RUN
                ? new SlurmTracker.View(Map.of(), null, null, "none") : new SlurmTracker(slurm).refresh(earlier);
        Set<String> selected = new java.util.HashSet<>();
        Map<String, SlurmTracker.TaskView> queued = new LinkedHashMap<>();
        int active = 0;
        int skippedDone = 0;
        for (PlannedRun r : plan.runs()) {
            if (store.run(r.id()).isDone()) {
                skippedDone++;
                continue;
            }
            SlurmTracker.TaskView t = view.runs().get(r.id());
            RunState.State s = t == null ? null : t.runState();
            if (s == RunState.State.QUEUED || s == RunState.State.RUNNING) {
                active++;
                if (s == RunState.State.QUEUED) queued.put(r.id(), t);
                continue;
            }
            if (retryFailedOnly) {
                // not done (above): failure.json and the lock decide; its config and metrics need not be read
                boolean failedInStore = RunState.failedWithoutResult(store.run(r.id()));
                boolean failedInSlurm = t != null && SlurmTracker.FAILED_STATES.contains(t.slurmState());
                if (!retryStates.isEmpty() ? t == null || !retryStates.contains(t.slurmState()) : !(failedInStore || failedInSlurm)) {
                    if (failedInStore || failedInSlurm) otherStates.merge(t == null ? "unknown to SLURM" : t.slurmState(), 1, Integer::sum);
                    continue;
                }
            }
            selected.add(r.id());
        }
        List<String> stale = pendingOnResubmitted(plan, queued, selected);
        active -= stale.size();
        if (skippedDone > 0 || active > 0) {
            w.printf(Locale.ROOT, "frugal run: %d run(s) already done and %d queued or running: not submitted again%n", skippedDone, active);
        }
        if (!stale.isEmpty()) cancelStale(stale, queued, slurm, w);
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (PlannedRun r : plan.runs()) if (selected.contains(r.id())) out.put(r.id(), r.config());
        return out;
    }

    /**
     * The queued runs that wait (directly or through other such runs) for a run selected for
     * submission; added to {@code selected}, in plan order.
     */
    private static List<String> pendingOnResubmitted(Plan plan, Map<String, SlurmTracker.TaskView> queued, Set<String> selected) {
        io.frugal.core.store.RunGraph graph = new io.frugal.core.store.RunGraph(plan);
        List<String> stale = new java.util.ArrayList<>();
        for (boolean grew = true; grew; ) {
            grew = false;
            for (String id : queued.keySet()) {
                if (selected.contains(id) || graph.inputs(id).stream().noneMatch(selected::contains)) continue;
                selected.add(id);
                stale.add(id);
                grew = true;
            }
        }
        return stale;
    }

    /** Cancels the stale tasks (submit mode only): left pending they could never start, and would hold the run as queued. */
    private void cancelStale(List<String> stale, Map<String, SlurmTracker.TaskView> queued, SlurmCommands slurm, PrintWriter w) {
        List<String> jobs = stale.stream().map(id -> queued.get(id).jobId()).toList();
        String what = stale.size() + " run(s) pending on a run that did not succeed (job(s) " + String.join(", ", jobs)
                + ": their afterok can never be met)";
        if (mode != SlurmSubmitter.Mode.SUBMIT) {
            w.println("frugal run: " + what + ": would be cancelled and submitted again after it");
            return;
        }
        SlurmCommands.Result r = slurm.run(SlurmCommands.command("scancel", jobs));
        if (!r.ok()) {
            throw new io.frugal.harness.slurm.SlurmException("cannot cancel " + what + ": " + r.message() + "; nothing was submitted");
        }
        w.println("frugal run: " + what + ": cancelled; submitted again after the run they need");
    }
}
