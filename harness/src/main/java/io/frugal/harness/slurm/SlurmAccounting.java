package io.frugal.harness.slurm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frugal.analysis.store.ParallelReads;
import io.frugal.core.store.Json;
import io.frugal.core.store.RunDirectory;
import io.frugal.core.store.RunStore;
import java.nio.file.Files;
import java.util.List;

/**
 * {@code runs/ID/slurm.json} ({@link RunDirectory#slurmAccounting()}): SLURM's accounting of a
 * finished run for the runtime tables: job id, elapsed time of the final attempt and summed over
 * all attempts, queue wait before the first start, restarts. Written (atomically) when status or
 * report sees the run done and the figures changed; the report reads it back (analysis module).
 */
public final class SlurmAccounting {
    private SlurmAccounting() {}

    /**
     * SLURM's view of OUT's runs from one sacct call for all its submissions (squeue where
     * accounting is off), with the accounting of every done run saved on the way. Status and
     * report both call this, so whichever runs first after a run finished records its figures.
     *
     * @return null when OUT was never submitted to SLURM (no query is made)
     * @throws SlurmException when neither sacct nor squeue can answer (no SLURM here, controller down)
     */
    public static SlurmTracker.View refresh(RunStore store, SlurmCommands slurm) {
        List<Submission> submissions = Submission.all(store);
        if (submissions.isEmpty()) return null;
        SlurmTracker.View view = new SlurmTracker(slurm).refresh(submissions);
        saveDone(store, view);
        return view;
    }

    /** Saves the accounting of every run of {@code view} that is done in the run store. */
    public static void saveDone(RunStore store, SlurmTracker.View view) {
        // one small read (and at most one write) per run, side by side: 100 000 runs are 100 000 round trips
        ParallelReads.inOrder(List.copyOf(view.runs().entrySet()), e -> {
            RunDirectory run = store.run(e.getKey());
            // done is the run store's word (result.json), never SLURM's COMPLETED alone
            if (run.isDone()) save(run, e.getValue());
            return e;
        }, e -> {});
    }

    public static void save(RunDirectory run, SlurmTracker.TaskView t) {
        if (t.elapsedSeconds() < 0) return; // squeue's view has no accounting figures
        ObjectNode o = Json.object();
        o.put("job_id", t.jobId());
        o.put("state", t.slurmState());
        o.put("restarts", t.restarts());
        o.put("elapsed_final_seconds", t.elapsedSeconds());
        o.put("elapsed_total_seconds", t.totalElapsedSeconds());
        o.put("queue_wait_seconds", t.queueWaitSeconds());
        o.put("log", t.log().toString());
        var file = run.slurmAccounting();
        String text = Json.pretty(o);
        try {
            // the text this method writes: the same bytes are the same figures (a status of 100 000
            // runs compares 100 000 files; parsing each and canonicalising both sides cost more than reading it)
            if (Files.isRegularFile(file) && Files.readString(file).equals(text)) return;
            if (Files.isRegularFile(file) && Json.canonical(Json.read(file)).equals(Json.canonical(o))) return;
        } catch (java.io.IOException | RuntimeException ignored) {
            // unreadable: rewrite it
        }
        io.frugal.core.store.AtomicFiles.writeString(file, text);
    }
}
