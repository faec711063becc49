package io.frugal.harness.slurm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frugal.analysis.store.ParallelReads;
import io.frugal.core.store.AtomicFiles;
import io.frugal.core.store.FileBatch;
import io.frugal.core.store.Json;
import io.frugal.core.store.RunDirectory;
import io.frugal.core.store.RunStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code runs/ID/slurm.json} ({@link RunDirectory#slurmAccounting()}): SLURM's accounting of a
 * finished run for the runtime tables: job id, elapsed time of the final attempt and summed over
 * all attempts, queue wait before the first start, restarts. Written when status or report sees
 * the run done and the figures changed (all such files of one call as one crash-safe batch); the report reads it back (analysis module).
 */
public final class SlurmAccounting {
    private SlurmAccounting() {}

    /**
     * SLURM's view of OUT's runs from one sacct call for all its submissions (squeue where
     * accounting is off), with the accounting of every done run saved on the way. Status and
     * report both save it, so whichever runs first after a run finished records its figures.
     *
     * @return null when OUT was never submitted to SLURM (no query is made)
     * @throws SlurmException when neither sacct nor squeue can answer (no SLURM here, controller down)
     */
    public static SlurmTracker.View refresh(RunStore store, SlurmCommands slurm) {
        SlurmTracker.View view = view(store, slurm);
        if (view != null) saveDone(store, view);
        return view;
    }

    /** As {@link #refresh}, saving nothing: for a caller that visits every run anyway and saves through a {@link Batch}. */
    public static SlurmTracker.View view(RunStore store, SlurmCommands slurm) {
        List<Submission> submissions = Submission.all(store);
        if (submissions.isEmpty()) return null;
        return new SlurmTracker(slurm).refresh(submissions);
    }

    /** Saves the accounting of every run of {@code view} that is done in the run store. */
    public static void saveDone(RunStore store, SlurmTracker.View view) {
        Batch batch = new Batch(store);
        // one small read per run, side by side: 100 000 runs are 100 000 round trips
        ParallelReads.inOrder(List.copyOf(view.runs().entrySet()), e -> {
            RunDirectory run = store.run(e.getKey());
            // done is the run store's word (result.json), never SLURM's COMPLETED alone
            if (run.isDone()) batch.check(run, e.getValue());
            return e;
        }, e -> {});
        batch.write();
    }

    /** What {@link #save} writes for {@code t}; null for a view without accounting figures (squeue's). */
    static byte[] text(SlurmTracker.TaskView t) {
        if (t.elapsedSeconds() < 0) return null;
        String log = t.log().toString();
        // the bytes Json.pretty gives, made directly (Jackson's pretty printer cost more than reading
        // the file back); a string it would escape or encode goes through Jackson itself
        if (plain(t.jobId()) && plain(t.slurmState()) && plain(log)) {
            return ("{\n  \"job_id\" : \"" + t.jobId() + "\",\n  \"state\" : \"" + t.slurmState() + "\",\n  \"restarts\" : " + t.restarts()
                    + ",\n  \"elapsed_final_seconds\" : " + t.elapsedSeconds() + ",\n  \"elapsed_total_seconds\" : " + t.totalElapsedSeconds()
                    + ",\n  \"queue_wait_seconds\" : " + t.queueWaitSeconds() + ",\n  \"log\" : \"" + log + "\"\n}\n").getBytes(StandardCharsets.US_ASCII);
        }
        return jacksonText(t);
    }

    /** {@link #text} through Jackson: the format's definition. */
    static byte[] jacksonText(SlurmTracker.TaskView t) {
        ObjectNode o = Json.object();
        o.put("job_id", t.jobId());
        o.put("state", t.slurmState());
        o.put("restarts", t.restarts());
        o.put("elapsed_final_seconds", t.elapsedSeconds());
        o.put("elapsed_total_seconds", t.totalElapsedSeconds());
        o.put("queue_wait_seconds", t.queueWaitSeconds());
        o.put("log", t.log().toString());
        return Json.pretty(o).getBytes(StandardCharsets.UTF_8);
    }

    /** Printable ASCII without a quote or a backslash: a JSON string of exactly these characters. */
    private static boolean plain(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') return false;
        }
        return true;
    }

    /** What a run's slurm.json holds against the figures to save. */
    enum Found { SAME, OTHER, NONE }

    /** Whether {@code file} holds these figures already: the same bytes (nearly always), else the same JSON. */
    static Found compare(Path file, byte[] text) {
        byte[] existing;
        try {
            existing = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Found.NONE;
        } catch (IOException e) {
            return Found.OTHER; // unreadable (a folder in its place, an I/O error): rewrite it
        }
        // the text this class writes: the same bytes are the same figures (a status of 100 000 runs
        // compares 100 000 files; parsing each and canonicalising both sides cost more than reading it)
        if (Arrays.equals(existing, text)) return Found.SAME;
        try {
            return Json.canonical(Json.MAPPER.readTree(existing)).equals(Json.canonical(Json.MAPPER.readTree(text))) ? Found.SAME : Found.OTHER;
        } catch (IOException | RuntimeException damaged) {
            return Found.OTHER;
        }
    }

    /** Saves one run's accounting now, atomically (temp file, fsync, rename, fsync of the folder), unless it holds the same figures. */
    public static void save(RunDirectory run, SlurmTracker.TaskView t) {
        byte[] text = text(t);
        if (text == null || compare(run.slurmAccounting(), text) == Found.SAME) return;
        AtomicFiles.writeBytes(run.slurmAccounting(), text);
    }

    /**
     * The slurm.json files of many runs, checked one by one (from any thread) and written together
     * for a constant number of syncs, however many there are, instead of two fsyncs per file. A
     * file that exists is replaced as one {@link FileBatch} (temp files, a durability barrier,
     * renames, a second barrier): a status killed half-way leaves it with its old figures or its
     * new ones, never half-written. A file that did not exist (the first status after the runs
     * finished: every run's) is created in place, its bytes in one write, then one barrier makes
     * them all durable: a status killed half-way leaves it absent, whole, or empty; an empty or
     * cut-short slurm.json is not valid JSON, so the report names it as damaged and counts none of
     * it, and the next status or report, which compare every file's bytes, replace it. The rename
     * saved is a third of the cost of each file on a local disk (ext4 here: 39 µs to create and
     * write, 26 µs to rename).
     */
    public static final class Batch {
        private record Write(Path file, byte[] text, boolean fresh) {}

        private final RunStore store;
        private final List<Write> writes = java.util.Collections.synchronizedList(new ArrayList<>());

        public Batch(RunStore store) {
            this.store = store;
        }

        /** Queues {@code run}'s accounting from {@code t} unless its slurm.json holds the same figures already. */
        public void check(RunDirectory run, SlurmTracker.TaskView t) {
            byte[] text = text(t);
            if (text == null) return;
            Found found = compare(run.slurmAccounting(), text);
            if (found != Found.SAME) writes.add(new Write(run.slurmAccounting(), text, found == Found.NONE));
        }

        /** The files queued so far. */
        public int size() {
            return writes.size();
        }

        /** Writes every queued file (durable when this returns); returns how many. */
        public int write() {
            List<Write> all;
            synchronized (writes) {
                all = List.copyOf(writes);
                writes.clear();
            }
            if (all.isEmpty()) return 0;
            List<Write> fresh = all.stream().filter(Write::fresh).toList();
            List<Write> replaced = new ArrayList<>(all.stream().filter(w -> !w.fresh()).toList());
            // a file that appeared since it was checked (another status, a report) is replaced, never truncated
            for (int i : FileBatch.createNew(store.root(), fresh.size(), source(fresh))) replaced.add(fresh.get(i));
            if (!replaced.isEmpty()) FileBatch.write(store.root(), replaced.size(), source(replaced));
            return all.size();
        }

        private static FileBatch.Source source(List<Write> writes) {
            return new FileBatch.Source() {
                @Override
                public Path target(int i) {
                    return writes.get(i).file();
                }

                @Override
                public byte[] content(int i) {
                    return writes.get(i).text();
                }
            };
        }
    }
}
