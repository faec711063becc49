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
import io.frugal.core.store.DurabilityBarrier;
import java.util.stream.IntStream;
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
 * its run store written (with the syncs that cost counted); then every run gets a synthetic
 * result.json (what a trainer would write, with made-up accuracies) and the store is reported on
 * in every format. Each stage is timed.
 */
public final class HarnessScaleBench {
    static final List<String> SCHEDULES = List.of(
            "{id: baseline, schedule: {type: full}}",
            "{id: step-E3, schedule: {type: piecewise, sections: [{until: 0.75, fraction: 0.25}, {until: 1.0, fraction: 1.0}]}}",
            "{id: step-E7, schedule: {type: piecewise, sections: [{until: 0.25, fraction: 0.75}, {until: 1.0, fraction: 1.0}]}}",
            "{id: increment-k4, schedule: {type: piecewise, sections: [{until: 0.25, fraction: 0.25}, {until: 0.5, fraction: 0.5},"
                    + " {until: 0.75, fraction: 0.75}, {until: 1.0, fraction: 1.0}]}}",
            "{id: cut-k9, schedule: {type: cut, parts: 9}}");

    /** A stage's wall seconds, and the CPU seconds of the whole process meanwhile (all threads, the collector's too). */
    public record Stage(String name, double seconds, double cpuSeconds) {}

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

    /**
     * Stages after the store (synthetic results, read, report) run by default up to this many runs:
     * beyond it they measure setup (a million more result.json files) and the reading side, which
     * the bench can still be asked for ({@code --report}).
     */
    public static final int REPORT_BY_DEFAULT_UP_TO = 200_000;

    /** Runs every stage in a throw-away folder, printing each as it ends; the read and report stages only if {@code report}. */
    public static List<Stage> run(int runs, boolean report, PrintWriter log) {
        List<Stage> stages = new ArrayList<>();
        try (WorkDirectory work = WorkDirectory.create("frugal-bench-harness")) {
            Path manifest = work.path().resolve("manifest.yaml");
            Files.writeString(manifest, manifest(runs));
            RunStore store = new RunStore(work.path().resolve("out"));
            Plan plan = timed(stages, log, "plan " + runs + " runs", () -> Planner.plan(manifest, null, List.of()));
            if (plan.runs().size() != runs) throw new IllegalStateException("planned " + plan.runs().size() + " runs, expected " + runs);
            // rendered as `frugal plan` prints it, into a writer that keeps nothing (the table of 10^6 runs is 130 MB)
            timed(stages, log, "render the plan table", () -> {
                PlanTable.render(plan, new NullAppendable());
                return null;
            });
            long fileSyncs = DurabilityBarrier.fileSyncs();
            long fsSyncs = DurabilityBarrier.fileSystemSyncs();
            long early = DurabilityBarrier.earlyWriteBacks();
            timed(stages, log, "write the run store (config.json per run, plan.json)", () -> {
                PlanWriter.write(store, plan);
                return null;
            });
            log.printf(Locale.ROOT, "  syncs: %d fsync, %d syncfs as barriers, %d syncfs passes of early write-back (before: 2 fsyncs per file, %d)%n",
                    DurabilityBarrier.fileSyncs() - fileSyncs, DurabilityBarrier.fileSystemSyncs() - fsSyncs,
                    DurabilityBarrier.earlyWriteBacks() - early, 2L * (runs + 1));
            log.printf(Locale.ROOT, "  heap after planning and writing: %s%n", heap());
            log.flush();
            if (!report) {
                log.println("  (synthetic results, read and report skipped: --no-report, or more than " + REPORT_BY_DEFAULT_UP_TO
                        + " runs without --report)");
                return stages;
            }
            timed(stages, log, "write synthetic result.json files (setup, not the harness)", () -> {
                // setup, not what is measured: from all cores, and without the atomic writes' fsyncs
                IntStream.range(0, runs).parallel().forEach(i -> writeResult(store, plan.runs().get(i)));
                return null;
            });
            Report read = timed(stages, log, "read and aggregate the store", () -> Report.of(store.root()));
            if (read.doneRunIds().size() != runs) throw new IllegalStateException("report found " + read.doneRunIds().size() + " done runs");
            timed(stages, log, "render and write the report (all formats and plots, as frugal report)", () -> {
                Map<ReportFormat, String> texts = ReportWriter.renderAll(read);
                ReportWriter.writeFiles(ReportWriter.files(read, texts), store.reportDir());
                return null;
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return stages;
    }

    /** The heap's limit and what the collector had in use at its fullest so far. */
    static String heap() {
        long peak = 0;
        for (var pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP) peak += pool.getPeakUsage().getUsed();
        }
        return String.format(Locale.ROOT, "limit %d MiB, peak of the pools %d MiB", Runtime.getRuntime().maxMemory() >> 20, peak >> 20);
    }

    /** Where a table is rendered to be timed, not kept. */
    private static final class NullAppendable implements Appendable {
        @Override
        public Appendable append(CharSequence csq) {
            return this;
        }

        @Override
        public Appendable append(CharSequence csq, int start, int end) {
            return this;
        }

        @Override
        public Appendable append(char c) {
            return this;
        }
    }

    private static <T> T timed(List<Stage> stages, PrintWriter log, String name, Supplier<T> work) {
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        long start = System.nanoTime();
        T value = work.get();
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (os.getProcessCpuTime() - cpu) / 1e9;
        stages.add(new Stage(name, seconds, cpuSeconds));
        log.printf(Locale.ROOT, "%s: %.2f s (CPU %.2f s)%n", name, seconds, cpuSeconds);
        log.flush();
        return value;
    }

    /** What a trainer writes last; accuracies made up from the seed (the report's statistics need spread). */
    static void writeResult(RunStore store, PlannedRun r) {
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
        try {
            Files.write(store.run(r.id()).result(), Json.pretty(o).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String table(List<Stage> stages) {
        // on a shared machine the CPU seconds say what a stage costs; the wall seconds, what the load left of it
        TextTable t = new TextTable().column("stage", false).column("seconds", true).column("CPU seconds", true);
        for (Stage s : stages) {
            t.row(List.of(s.name(), String.format(Locale.ROOT, "%.2f", s.seconds()), String.format(Locale.ROOT, "%.2f", s.cpuSeconds())));
        }
        return t.render();
    }

    public static void record(int runs, String table, String command, String loadBefore, Path file) {
        BenchmarkSection.onThisMachine("Harness scale", command, loadBefore)
                .fact("store", runs + " runs (5 experiments × " + runs / SCHEDULES.size() + " seeds, one dataset) in a temporary folder on "
                        + "the local disk; the configs written in place as one batch under the planning mark, plan.json's text beside them, "
                        + "one syncfs (and early write-back passes), plan.json renamed into place last; "
                        + "the synthetic result.json files (setup) from all cores without fsync")
                .fact("heap", heap())
                .table(table)
                .appendTo(file);
    }
}
