package io.frugal.harness.bench;

import io.frugal.analysis.report.Report;
import io.frugal.analysis.report.ReportFormat;
import io.frugal.analysis.report.ReportWriter;
import io.frugal.analysis.report.TextTable;
import io.frugal.core.store.Plan;
import io.frugal.harness.plan.PlanTable;
import io.frugal.harness.plan.PlanWriter;
import io.frugal.core.store.PlannedRun;
import io.frugal.harness.plan.Planner;
import io.frugal.core.BadInputException;
import io.frugal.core.store.Json;
import io.frugal.core.store.RunStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The harness at cluster scale, without training: a generated manifest of many runs (the
 * quickstart's five schedules × as many seeds as it takes) is planned, its plan table rendered and
 * its run store written; then every run gets a synthetic result.json (what a trainer would write,
 * with made-up accuracies) and the store is reported on in every format. Each stage is timed.
 */
public final class HarnessScaleBench {
    static final List<String> SCHEDULES = List.of(
            "{id: baseline, schedule: {type: full}}",
            "{id: step-E3, schedule: {type: piecewise, sections: [{until: 0.75, fraction: 0.25}, {until: 1.0, fraction: 1.0}]}}",
            "{id: step-E7, schedule: {type: piecewise, sections: [{until: 0.25, fraction: 0.75}, {until: 1.0, fraction: 1.0}]}}",
            "{id: increment-k4, schedule: {type: piecewise, sections: [{until: 0.25, fraction: 0.25}, {until: 0.5, fraction: 0.5},"
                    + " {until: 0.75, fraction: 0.75}, {until: 1.0, fraction: 1.0}]}}",
            "{id: cut-k9, schedule: {type: cut, parts: 9}}");

    public record Stage(String name, double seconds) {}

    private HarnessScaleBench() {}

    public static void validate(int runs) {
        if (runs < SCHEDULES.size() || runs % SCHEDULES.size() != 0) {
            throw new BadInputException("--runs must be a positive multiple of " + SCHEDULES.size() + " (the experiments), got " + runs);
        }
    }

    /** The manifest: one dataset, every schedule, seeds 1..runs/5. */
    static String manifest(int runs) {
        StringBuilder seeds = new StringBuilder();
        for (int s = 1; s <= runs / SCHEDULES.size(); s++) seeds.append(s == 1 ? "" : ", ").append(s);
        return """
                name: harness-scale
                defaults:
                  trainer: classifier
                  model: {name: hvc, width: 0.25}
                  epochs: 12
                  batch_size: 120
                  train_limit: 3600
                  test_limit: 2000
                datasets: [fashion-mnist]
                seeds: [%s]
                baseline: baseline
                experiments:
                """.formatted(seeds) + SCHEDULES.stream().map(e -> "  - " + e + "\n").reduce("", String::concat);
    }

    /** Runs every stage in a throw-away folder, printing each as it ends. */
    public static List<Stage> run(int runs, PrintWriter log) {
        List<Stage> stages = new ArrayList<>();
        try (WorkDirectory work = WorkDirectory.create("frugal-bench-harness")) {
            Path manifest = work.path().resolve("manifest.yaml");
            Files.writeString(manifest, manifest(runs));
            RunStore store = new RunStore(work.path().resolve("out"));
            Plan plan = timed(stages, log, "plan " + runs + " runs", () -> Planner.plan(manifest, null, List.of()));
            if (plan.runs().size() != runs) throw new IllegalStateException("planned " + plan.runs().size() + " runs, expected " + runs);
            timed(stages, log, "render the plan table", () -> PlanTable.render(plan));
            timed(stages, log, "write the run store (config.json per run, plan.json)", () -> {
                PlanWriter.write(store, plan);
                return null;
            });
            timed(stages, log, "write synthetic result.json files (setup, not the harness)", () -> {
                for (PlannedRun r : plan.runs()) writeResult(store, r);
                return null;
            });
            Report report = timed(stages, log, "read and aggregate the store", () -> Report.of(store.root()));
            if (report.doneRunIds().size() != runs) throw new IllegalStateException("report found " + report.doneRunIds().size() + " done runs");
            timed(stages, log, "render and write the report (all formats and plots, as frugal report)", () -> {
                Map<ReportFormat, String> texts = ReportWriter.renderAll(report);
                ReportWriter.writeFiles(ReportWriter.files(report, texts), store.reportDir());
                return null;
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return stages;
    }

    private static <T> T timed(List<Stage> stages, PrintWriter log, String name, Supplier<T> work) {
        long start = System.nanoTime();
        T value = work.get();
        double seconds = (System.nanoTime() - start) / 1e9;
        stages.add(new Stage(name, seconds));
        log.printf(Locale.ROOT, "%s: %.2f s%n", name, seconds);
        log.flush();
        return value;
    }

    /** What a trainer writes last; accuracies made up from the seed (the report's statistics need spread). */
    private static void writeResult(RunStore store, PlannedRun r) {
        double top1 = 0.85 + 0.001 * (r.seed() % 97) - 0.01 * (1 - r.evaluationRatio());
        var o = Json.object();
        o.put("status", "done");
        o.put("run_id", r.id());
        o.put("experiment", r.experiment());
        o.put("dataset", r.dataset());
        o.put("seed", r.seed());
        o.put("epochs", r.detail("epochs").asInt());
        o.put("final_top1", top1);
        o.put("best_top1", top1);
        o.put("best_epoch", r.detail("epochs").asInt());
        o.put("evaluations", r.plannedEvaluations());
        o.put("planned_evaluations", r.plannedEvaluations());
        o.put("train_seconds", 100 * r.evaluationRatio());
        o.put("eval_seconds", 5.0);
        o.put("wall_seconds", 110.0);
        o.put("resumes", 0);
        Json.writeAtomically(store.run(r.id()).result(), o);
    }

    public static String table(List<Stage> stages) {
        TextTable t = new TextTable().column("stage", false).column("seconds", true);
        for (Stage s : stages) t.row(List.of(s.name(), String.format(Locale.ROOT, "%.2f", s.seconds())));
        return t.render();
    }

    public static void record(int runs, String table, String command, String loadBefore, Path file) {
        BenchmarkSection.onThisMachine("Harness scale", command, loadBefore)
                .fact("store", runs + " runs (5 experiments × " + runs / SCHEDULES.size() + " seeds, one dataset) in a temporary folder on "
                        + "the local disk; every file written atomically (temp file, fsync, rename, fsync of the folder)")
                .table(table)
                .appendTo(file);
    }
}
