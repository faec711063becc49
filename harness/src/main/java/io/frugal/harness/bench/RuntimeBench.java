package io.frugal.harness.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.frugal.analysis.report.TextTable;
import io.frugal.harness.exec.TrainerProcess;
import io.frugal.core.store.Plan;
import io.frugal.core.store.PlannedRun;
import io.frugal.harness.plan.Planner;
import io.frugal.core.BadInputException;
import io.frugal.core.store.Json;
import io.frugal.core.store.RunDirectory;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Does training time follow the evaluation count? The first seed's runs of some experiments of a
 * manifest (by default the quickstart's baseline, Data Step E3 and E7 and Cut k=9) are trained one
 * at a time as real {@code frugal train} children, the same way the local executor starts them,
 * and each run's train seconds relative to the baseline's are compared with its evaluations
 * relative to the baseline's. A ratio of the two near 1 means that cutting evaluations cuts
 * training time in proportion (no fixed per-epoch cost that a schedule cannot reduce).
 */
public final class RuntimeBench {
    public record Settings(Path manifest, List<String> experiments, List<String> overrides, int repeats, int threads) {}

    /** One experiment's run: its planned evaluations and the train seconds of each repeat. */
    public record Timed(PlannedRun run, List<Double> trainSeconds) {}

    private RuntimeBench() {}

    /** Plans the runs (checking the manifest, the experiments and the settings) before anything runs. */
    public static List<PlannedRun> plan(Settings s) {
        if (s.repeats() < 1) throw new BadInputException("--repeats must be positive, got " + s.repeats());
        if (s.threads() < 1) throw new BadInputException("--threads must be positive, got " + s.threads());
        Plan plan = Planner.plan(s.manifest(), null, s.overrides());
        String baseline = plan.baseline();
        if (s.experiments().isEmpty() || !s.experiments().get(0).equals(baseline)) {
            throw new BadInputException("--experiments must start with the manifest's baseline '" + baseline + "', got " + s.experiments());
        }
        List<PlannedRun> out = new ArrayList<>();
        for (String id : s.experiments()) {
            PlannedRun first = plan.runs().stream().filter(r -> r.experiment().equals(id)).findFirst()
                    .orElseThrow(() -> new BadInputException(s.manifest() + ": no experiment '" + id + "' (it has "
                            + plan.runs().stream().map(PlannedRun::experiment).distinct().toList() + ")"));
            out.add(first);
        }
        return out;
    }

    /** Trains every run {@code repeats} times, in rotations of alternating order, so that a change of machine speed hits all alike. */
    public static List<Timed> run(Settings s, List<PlannedRun> runs, PrintWriter log) {
        Map<PlannedRun, List<Double>> seconds = new LinkedHashMap<>();
        runs.forEach(r -> seconds.put(r, new ArrayList<>()));
        try (WorkDirectory work = WorkDirectory.create("frugal-bench-runtime")) {
            for (int repeat = 0; repeat < s.repeats(); repeat++) {
                // every other rotation in reverse order: the machine's speed drifted by up to 25 %
                // over a 10-minute bench here, and a fixed order turns drift into a bias of the
                // later experiments against the baseline; forward and reverse rotations cancel it
                List<PlannedRun> order = new ArrayList<>(runs);
                if (repeat % 2 == 1) java.util.Collections.reverse(order);
                for (PlannedRun r : order) {
                    RunDirectory dir = new RunDirectory(work.path().resolve(r.id() + "-" + repeat));
                    double t = train(r, dir, s.threads());
                    seconds.get(r).add(t);
                    log.printf(Locale.ROOT, "%s (repeat %d): %.1f s training, %d evaluations%n", r.experiment(), repeat + 1, t, r.plannedEvaluations());
                    log.flush();
                }
            }
        }
        List<Timed> out = new ArrayList<>();
        seconds.forEach((r, t) -> out.add(new Timed(r, t)));
        return out;
    }

    private static double train(PlannedRun r, RunDirectory dir, int threads) {
        try {
            Files.createDirectories(dir.dir());
            Json.writeAtomically(dir.config(), r.config().deepCopy().put(io.frugal.core.kind.CommonConfig.THREADS, threads));
            Process p = TrainerProcess.start(dir, true);
            int exit = p.waitFor();
            if (exit != 0 || !Files.isRegularFile(dir.result())) {
                String log = Files.isRegularFile(dir.log()) ? Files.readString(dir.log()) : "";
                throw new IllegalStateException(r.experiment() + ": trainer exited with " + exit + "; its log:\n" + log);
            }
            JsonNode result = Json.read(dir.result());
            if (result.path("evaluations").asLong() != r.plannedEvaluations()) {
                throw new IllegalStateException(r.experiment() + ": trained " + result.path("evaluations").asLong()
                        + " evaluations, planned " + r.plannedEvaluations());
            }
            return result.path("train_seconds").asDouble();
        } catch (IOException e) {
            throw new UncheckedIOException("runtime benchmark in " + dir.dir() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * Time ratio over evaluation ratio, both against the first (baseline) run, per rotation: each
     * rotation's runs follow each other within minutes, so a change of the machine's load between
     * rotations does not enter a rotation's ratio the way it enters a ratio of medians.
     */
    static List<Double> followRatios(Timed t, Timed baseline) {
        double evalRatio = (double) t.run().plannedEvaluations() / baseline.run().plannedEvaluations();
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < t.trainSeconds().size(); i++) {
            out.add(t.trainSeconds().get(i) / baseline.trainSeconds().get(i) / evalRatio);
        }
        return out;
    }

    /**
     * Time ratio over evaluation ratio from all rotations' seconds added up: with rotations in
     * alternating order this is the estimate a linear drift cancels out of exactly, and it is less
     * swayed than a median of few ratios by the run-to-run noise (about ±10 % per run here).
     */
    static double summedFollowRatio(Timed t, Timed baseline) {
        double evalRatio = (double) t.run().plannedEvaluations() / baseline.run().plannedEvaluations();
        double sum = t.trainSeconds().stream().mapToDouble(Double::doubleValue).sum();
        double baseSum = baseline.trainSeconds().stream().mapToDouble(Double::doubleValue).sum();
        return sum / baseSum / evalRatio;
    }

    public static String table(List<Timed> timed) {
        Timed base = timed.get(0);
        TextTable t = new TextTable().column("experiment", false).column("evaluations", true).column("evaluation ratio", true)
                .column("train s, each rotation", false).column("time ratio / evaluation ratio, each rotation", false)
                .column("median [min–max]", true).column("from summed seconds", true);
        for (Timed x : timed) {
            double evalRatio = (double) x.run().plannedEvaluations() / base.run().plannedEvaluations();
            List<Double> follow = followRatios(x, base);
            t.row(List.of(x.run().experiment(), Long.toString(x.run().plannedEvaluations()), String.format(Locale.ROOT, "%.4f", evalRatio),
                    String.join(" ", x.trainSeconds().stream().map(v -> String.format(Locale.ROOT, "%.1f", v)).toList()),
                    String.join(" ", follow.stream().map(v -> String.format(Locale.ROOT, "%.3f", v)).toList()),
                    Spread.of(follow).format(3), String.format(Locale.ROOT, "%.3f", summedFollowRatio(x, base))));
        }
        return t.render();
    }

    public static void record(Settings s, List<Timed> timed, String table, String command, String loadBefore, Path file) {
        PlannedRun base = timed.get(0).run();
        BenchmarkSection.onThisMachine("Runtime follows evaluations", command, loadBefore)
                .fact("runs", "first seed of each experiment of " + s.manifest().getFileName() + ", " + base.detail("train_size").asText() + " training images, "
                        + base.detail("epochs").asText() + " epochs, " + s.threads() + " threads; trained one at a time as frugal train children, "
                        + s.repeats() + " rotation(s), every other one in reverse order; train seconds from result.json (evaluation time excluded)")
                .fact("overrides", s.overrides().isEmpty() ? "none" : String.join(" ", s.overrides()))
                .table(table)
                .note("Goal: time ratio / evaluation ratio within 1 ± 0.05 (the median over rotations; each rotation's"
                        + " ratio compares its run with the same rotation's baseline); 'from summed seconds': the same from all"
                        + " rotations' seconds added up, which a linear drift of the machine's speed cancels out of.")
                .appendTo(file);
    }
}
