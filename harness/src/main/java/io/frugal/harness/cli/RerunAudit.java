package io.frugal.harness.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.frugal.analysis.store.RunRecord;
import io.frugal.analysis.store.StoreSnapshot;
import io.frugal.core.kind.TrainerKind;
import io.frugal.core.kind.TrainerKinds;
import io.frugal.core.random.SeededRandom;
import io.frugal.core.store.ConfigFile;
import io.frugal.core.store.Json;
import io.frugal.core.store.MetricsFile;
import io.frugal.core.store.RunDirectory;
import io.frugal.core.store.RunStore;
import io.frugal.harness.exec.TrainerProcess;
import io.frugal.reproducibility.audit.RunComparison;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The determinism audit of {@code frugal verify OUT --rerun K}: writes the planned config of K done
 * runs into OUT/audit/rerun/ (a scratch store, emptied first), trains each copy with
 * {@code frugal train} as a child process (the runs they need are copied whole beside them), and
 * compares metrics.jsonl and result.json with the originals: bitwise for runs that trained on the
 * CPU, within {@code gpuTolerance} for GPU runs. The sample takes the trainer kinds in turn (a
 * fixed-seed order within each), so K at least the number of kinds covers every kind of the store.
 * Per kind, the first sampled run with two or more progress points is also trained a second time,
 * stopped with SIGTERM after its first progress point and resumed from its checkpoint, and compared
 * the same way.
 */
final class RerunAudit {
    /**
     * One comparison: which run of which kind, how it was re-run, the outcome. {@code inconclusive}:
     * the check could not be made (a run too short to be interrupted), which is not a failure.
     */
    record Check(String runId, String kind, String how, RunComparison.Outcome outcome, String problem, boolean inconclusive) {
        boolean passed() {
            return problem == null && outcome != null && outcome.equal();
        }

        boolean failed() {
            return !passed() && !inconclusive;
        }
    }

    static final String UNINTERRUPTED = "uninterrupted";
    static final String INTERRUPTED = "interrupted and resumed";

    private final StoreSnapshot snapshot;
    private final Path scratch;
    private final double gpuTolerance;
    private final PrintWriter out;

    RerunAudit(StoreSnapshot snapshot, Path scratch, double gpuTolerance, PrintWriter out) {
        this.snapshot = snapshot;
        this.scratch = scratch;
        this.gpuTolerance = gpuTolerance;
        this.out = out;
    }

    List<Check> run(int k) throws IOException, InterruptedException {
        List<RunRecord> sample = sample(snapshot.runs(), k);
        deleteTree(scratch); // the audit's own scratch store: earlier audits' copies and caches must not be reused
        RunStore store = new RunStore(snapshot.root());
        List<Check> checks = new ArrayList<>();
        Set<String> interruptedKinds = new HashSet<>();
        for (RunRecord r : sample) {
            TrainerKind kind = TrainerKinds.of(r.planned().config());
            RunDirectory original = store.run(r.id());
            double tol = onGpu(original) ? gpuTolerance : 0;
            out.println("verify: re-running " + r.id() + " (" + kind.name() + ": " + r.planned().experiment() + " / " + r.planned().dataset()
                    + ", seed " + r.planned().seed() + ")" + (tol > 0 ? ", trained on a GPU: compared within " + tol : ", trained on the CPU: compared bitwise"));
            out.flush();
            RunDirectory copy = prepare(store, r, "straight");
            int code = train(copy, false);
            checks.add(code == Main.OK ? new Check(r.id(), kind.name(), UNINTERRUPTED, compare(original, copy, tol, kind), null, false)
                    : new Check(r.id(), kind.name(), UNINTERRUPTED, null, "re-run exited " + code + ": " + why(copy), false));
            if (kind.progressPoints(r.planned().config()) >= 2 && interruptedKinds.add(kind.name())) {
                checks.add(interrupted(store, r, kind, original, tol));
            }
        }
        for (RunRecord r : sample) {
            String kind = TrainerKinds.of(r.planned().config()).name();
            if (interruptedKinds.add(kind)) {
                checks.add(new Check(r.id(), kind, INTERRUPTED, null, "no sampled " + kind
                        + " run has two or more progress points to stop between (sample more with a larger --rerun)", true));
            }
        }
        return checks;
    }

    /**
     * K done runs: the kinds in turn, in the order of their first run in a fixed-seed shuffle of
     * the done runs, and within a kind in that shuffle's order.
     */
    static List<RunRecord> sample(List<RunRecord> runs, int k) {
        List<RunRecord> done = runs.stream().filter(RunRecord::isDone).toList();
        int[] order = SeededRandom.of(0, "verify-rerun").permutation(done.size());
        Map<String, ArrayDeque<RunRecord>> byKind = new LinkedHashMap<>();
        for (int i : order) {
            RunRecord r = done.get(i);
            byKind.computeIfAbsent(TrainerKinds.of(r.planned().config()).name(), x -> new ArrayDeque<>()).add(r);
        }
        List<RunRecord> sample = new ArrayList<>();
        while (sample.size() < Math.min(k, done.size())) {
            for (ArrayDeque<RunRecord> q : byKind.values()) {
                if (!q.isEmpty() && sample.size() < k) sample.add(q.poll());
            }
        }
        return sample;
    }

    private Check interrupted(RunStore store, RunRecord r, TrainerKind kind, RunDirectory original, double tol)
            throws IOException, InterruptedException {
        out.println("verify: re-running " + r.id() + " (" + kind.name() + ") with a SIGTERM after its first progress point, then resuming");
        out.flush();
        RunDirectory copy = prepare(store, r, "interrupted");
        int code = train(copy, true);
        if (code == Main.OK) {
            return new Check(r.id(), kind.name(), INTERRUPTED, compare(original, copy, tol, kind),
                    "finished before it could be interrupted (too short a run to test resume)", true);
        }
        if (code != Main.INTERRUPTED) {
            return new Check(r.id(), kind.name(), INTERRUPTED, null, "stopped run exited " + code + ", not " + Main.INTERRUPTED + ": " + why(copy), false);
        }
        int stoppedAt = MetricsFile.count(copy);
        code = train(copy, false);
        if (code != Main.OK) return new Check(r.id(), kind.name(), INTERRUPTED, null, "resumed run exited " + code + ": " + why(copy), false);
        int resumes = Json.read(copy.result()).path("resumes").asInt(0);
        if (resumes < 1) {
            return new Check(r.id(), kind.name(), INTERRUPTED, compare(original, copy, tol, kind),
                    "the second start did not continue from the checkpoint (its result says resumes " + resumes + ")", false);
        }
        long points = kind.progressPoints(r.planned().config());
        return new Check(r.id(), kind.name(), INTERRUPTED + " (stopped after " + stoppedAt + " of " + points + " progress points)",
                compare(original, copy, tol, kind), null, false);
    }

    private static RunComparison.Outcome compare(RunDirectory original, RunDirectory copy, double tol, TrainerKind kind) {
        return RunComparison.compare(original, copy, tol, kind.circumstanceKeys());
    }

    /** A fresh copy of the run's config under the scratch store, with the runs it needs copied whole. */
    private RunDirectory prepare(RunStore store, RunRecord r, String variant) throws IOException {
        Path root = scratch.resolve(variant);
        RunDirectory copy = new RunStore(root).run(r.id());
        deleteTree(copy.dir());
        Files.createDirectories(copy.dir());
        // the plan's config, the one the run id stands for (an edited config.json is the tamper check's to report)
        ConfigFile.write(copy, r.planned().config());
        if (Files.isRegularFile(store.plan())) Files.copy(store.plan(), root.resolve("plan.json"), StandardCopyOption.REPLACE_EXISTING);
        for (String input : r.planned().inputs().values()) {
            Path target = root.resolve("runs").resolve(input);
            if (!Files.isDirectory(target)) copyTree(store.run(input).dir(), target);
        }
        return copy;
    }

    private int train(RunDirectory run, boolean interrupt) throws IOException, InterruptedException {
        // the thread count is the run's own (its config says it, and its numbers depend on it)
        Process p = TrainerProcess.start(run, false);
        if (interrupt) {
            while (p.isAlive() && MetricsFile.count(run) < 1) Thread.sleep(20);
            if (p.isAlive()) p.destroy(); // SIGTERM: the trainer finishes its step, checkpoints, exits 3
        }
        if (!p.waitFor(6, TimeUnit.HOURS)) {
            p.destroyForcibly();
            return Main.FAILED;
        }
        return p.exitValue();
    }

    /** The trainer's own last word on a failure (its "frugal: failed" line), and where its log is. */
    private static String why(RunDirectory run) {
        String last = null;
        try {
            for (String line : Files.readAllLines(run.log())) {
                if (line.startsWith("frugal: failed") || line.startsWith("frugal: error")) last = line;
            }
        } catch (IOException e) {
            // no log: the path alone
        }
        return (last == null ? "" : last + "; ") + "log " + run.log();
    }

    /** Whether a GPU trained the run, as its provenance says (a GPU node, and the run did not ask for the CPU). */
    static boolean onGpu(RunDirectory run) {
        if (!Files.isRegularFile(run.provenance())) return false;
        try {
            JsonNode p = Json.read(run.provenance());
            return p.path("engine").path("gpus").asInt(0) > 0 && !p.path("config").path("device").asText("").equals("cpu");
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
