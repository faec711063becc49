package io.frugal.harness.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.frugal.analysis.store.RunRecord;
import io.frugal.analysis.store.StoreSnapshot;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The determinism audit of {@code frugal verify OUT --rerun K}: writes the planned config of K done
 * runs (sampled with a fixed seed, any kind) into OUT/audit/rerun/runs/, trains each copy with
 * {@code frugal train} as a child process (the runs they need are copied whole beside them), and
 * compares metrics.jsonl and result.json with the originals: bitwise for runs that trained on the
 * CPU, within {@code gpuTolerance} for GPU runs. The first sampled run is also trained a second
 * time, stopped with SIGTERM after its first progress point and resumed, and compared the same way.
 */
final class RerunAudit {
    /** One comparison: which run, how it was re-run, the outcome. */
    record Check(String runId, String how, RunComparison.Outcome outcome, String problem) {
        boolean passed() {
            return problem == null && outcome != null && outcome.equal();
        }
    }

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
        List<RunRecord> done = new ArrayList<>(snapshot.runs().stream().filter(RunRecord::isDone).toList());
        int[] order = SeededRandom.of(0, "verify-rerun").permutation(done.size());
        List<RunRecord> sample = new ArrayList<>();
        for (int i = 0; i < Math.min(k, done.size()); i++) sample.add(done.get(order[i]));
        RunStore store = new RunStore(snapshot.root());
        List<Check> checks = new ArrayList<>();
        for (int i = 0; i < sample.size(); i++) {
            RunRecord r = sample.get(i);
            RunDirectory original = store.run(r.id());
            double tol = onGpu(original) ? gpuTolerance : 0;
            out.println("verify: re-running " + r.id() + " (" + r.planned().experiment() + " / " + r.planned().dataset() + ", seed "
                    + r.planned().seed() + ")" + (tol > 0 ? ", GPU: tolerance " + tol : ", CPU: bitwise"));
            out.flush();
            RunDirectory copy = prepare(store, r, "straight");
            int code = train(copy, false);
            checks.add(code == Main.OK ? new Check(r.id(), "uninterrupted", RunComparison.compare(original, copy, tol), null)
                    : new Check(r.id(), "uninterrupted", null, "re-run exited " + code + ": " + why(copy)));
            if (i == 0) checks.add(interrupted(store, r, original, tol));
        }
        return checks;
    }

    private Check interrupted(RunStore store, RunRecord r, RunDirectory original, double tol) throws IOException, InterruptedException {
        out.println("verify: re-running " + r.id() + " with a SIGTERM after its first progress point, then resuming");
        out.flush();
        RunDirectory copy = prepare(store, r, "interrupted");
        int code = train(copy, true);
        if (code == Main.OK) {
            return new Check(r.id(), "interrupted and resumed", RunComparison.compare(original, copy, tol),
                    "finished before it could be interrupted (too short a run to test resume)");
        }
        if (code != Main.INTERRUPTED) return new Check(r.id(), "interrupted and resumed", null, "stopped run exited " + code + ", not 3: " + why(copy));
        code = train(copy, false);
        if (code != Main.OK) return new Check(r.id(), "interrupted and resumed", null, "resumed run exited " + code + ": " + why(copy));
        return new Check(r.id(), "interrupted and resumed", RunComparison.compare(original, copy, tol), null);
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
            while (p.isAlive() && MetricsFile.count(run) < 1) Thread.sleep(100);
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

    private static boolean onGpu(RunDirectory run) {
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
