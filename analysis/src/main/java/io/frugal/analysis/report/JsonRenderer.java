package io.frugal.analysis.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frugal.analysis.energy.CellEnergy;
import io.frugal.analysis.energy.RunEnergy;
import io.frugal.analysis.energy.StoreEnergy;
import io.frugal.analysis.stats.Bootstrap;
import io.frugal.analysis.stats.Comparison;
import io.frugal.analysis.stats.Difference;
import io.frugal.analysis.stats.RankTest;
import io.frugal.analysis.table.Aggregator;
import io.frugal.analysis.table.ResultTable;
import io.frugal.core.kind.KindTable;
import io.frugal.analysis.stats.Summary;
import io.frugal.analysis.store.ClusterAccounting;
import io.frugal.core.store.Plan;
import io.frugal.analysis.store.RunFailure;
import io.frugal.analysis.store.RunRecord;
import io.frugal.core.kind.MetricSchema;
import io.frugal.core.kind.TrainerKinds;
import io.frugal.core.store.RunResult;
import io.frugal.analysis.store.RunState;
import io.frugal.analysis.table.CellKey;
import io.frugal.analysis.table.CellAccounting;
import io.frugal.analysis.table.CellRow;
import io.frugal.core.store.Json;

/**
 * Everything, for machines: the plan header, what the report was computed from, every cell with
 * its statistics and each of its runs (values, state, failure), and the problems met. Top-1 values
 * are fractions in [0, 1]; a value that cannot be computed is null.
 */
public final class JsonRenderer implements ReportRenderer {
    public static final int FORMAT = 1;

    @Override
    public String render(Report report) {
        ObjectNode root = Json.object();
        root.put("format", FORMAT);
        root.put("generator", report.generator());
        root.set("plan", plan(report.snapshot().plan()));
        ObjectNode from = root.putObject("computed_from");
        from.put("runs_planned", report.planned());
        from.put("runs_done", report.count(RunState.DONE));
        from.put("runs_failed", report.count(RunState.FAILED));
        from.put("runs_unfinished", report.unfinished());
        ArrayNode ids = from.putArray("done_run_ids");
        report.doneRunIds().forEach(ids::add);
        from.put("results_sha256", report.resultsSha256());
        ArrayNode versions = from.putArray("code_versions");
        report.snapshot().codeVersions().forEach(versions::add);
        ObjectNode bootstrap = from.putObject("bootstrap");
        bootstrap.put("seed", Aggregator.BOOTSTRAP_SEED);
        bootstrap.put("resamples", Aggregator.BOOTSTRAP_RESAMPLES);
        bootstrap.put("confidence", Bootstrap.CONFIDENCE);
        ObjectNode families = from.putObject("holm_family_size");
        report.tables().forEach(t -> families.put(t.kind(), t.holmFamilySize()));
        // every kind's rows in one list (each says its kind), its metrics under their own keys
        ArrayNode rows = root.putArray("rows");
        for (ResultTable table : report.tables()) {
            boolean accounting = table.hasAccounting();
            table.rows().forEach(r -> rows.add(row(table, r, accounting, report.energy())));
        }
        ArrayNode energyNotes = root.putArray("energy_notes");
        for (ResultTable table : report.tables()) energyNotes.add(EnergyText.note(report.energy(), MarkdownRenderer.doneRuns(table)));
        ArrayNode kindTables = root.putArray("kind_tables");
        report.kindTables().forEach(k -> kindTables.add(kindTable(k)));
        ArrayNode problems = root.putArray("problems");
        report.problems().forEach(problems::add);
        return Json.pretty(root);
    }

    private static ObjectNode plan(Plan plan) {
        ObjectNode p = Json.object();
        p.put("name", plan.name());
        p.put("source", plan.source());
        p.put("manifest", plan.manifest());
        p.put("manifest_sha256", plan.manifestSha256());
        p.put("profile", plan.profile());
        ArrayNode overrides = p.putArray("overrides");
        plan.overrides().forEach(overrides::add);
        p.put("baseline", plan.baseline());
        return p;
    }

    static ObjectNode kindTable(KindTable k) {
        ObjectNode o = Json.object();
        o.put("id", k.id());
        o.put("title", k.title());
        ArrayNode columns = o.putArray("columns");
        k.columns().forEach(columns::add);
        ArrayNode rows = o.putArray("rows");
        for (int r = 0; r < k.rows().size(); r++) {
            ArrayNode row = rows.addArray();
            for (int c = 0; c < k.columns().size(); c++) {
                Double x = k.numbers().get(r).size() > c ? k.numbers().get(r).get(c) : null;
                if (x == null || Double.isNaN(x)) row.add(k.rows().get(r).get(c));
                else if (Double.isInfinite(x)) row.add(k.rows().get(r).get(c));
                else row.add(x);
            }
        }
        ArrayNode notes = o.putArray("notes");
        k.notes().forEach(notes::add);
        return o;
    }

    private static ObjectNode row(ResultTable table, CellRow row, boolean accounting, StoreEnergy energy) {
        MetricSchema schema = table.metrics();
        String key = schema.primary().key();
        ObjectNode o = Json.object();
        o.put("kind", table.kind());
        o.put("dataset", row.key().dataset());
        o.put("experiment", row.key().experiment());
        o.set("matrix", Json.MAPPER.valueToTree(row.key().matrix()));
        o.put("is_baseline", row.isBaseline());
        o.set("baseline_cell", row.baselineKey() == null ? null : key(row.baselineKey()));
        ObjectNode runs = o.putObject("runs");
        runs.put("planned", row.planned());
        runs.put("done", row.done());
        runs.put("failed", row.failed());
        runs.put("unfinished", row.unfinished().size());
        runs.put("incomplete", row.isIncomplete());
        o.set(key, summary(row.finalTop1()));
        ObjectNode boot = o.putObject(key + "_bootstrap");
        number(boot, "ci_low", row.primaryBootstrap().low());
        number(boot, "ci_high", row.primaryBootstrap().high());
        if (schema.best() != null) o.set(schema.best().key(), summary(row.bestTop1()));
        number(o, "evaluations", row.evaluations());
        o.put("evaluations_source", row.evaluationsFromPlan() ? "plan" : "results");
        number(o, "evaluation_ratio", row.evaluationRatio());
        o.set("train_seconds", summary(row.trainSeconds()));
        number(o, "train_seconds_ratio", row.trainSecondsRatio());
        o.set("eval_seconds", summary(row.evalSeconds()));
        o.set("wall_seconds", summary(row.wallSeconds()));
        Comparison c = row.comparison();
        if (c == null) {
            o.putNull("vs_baseline");
        } else {
            Difference d = c.difference();
            ObjectNode v = o.putObject("vs_baseline");
            number(v, "delta_" + key, d.delta());
            number(v, "ci_low", d.ciLow());
            number(v, "ci_high", d.ciHigh());
            number(v, "welch_df", d.df());
            number(v, "p_welch", d.pValue());
            number(v, "p_holm", row.pHolm());
            number(v, "p_rank", d.rankP());
            number(v, "p_rank_holm", row.rankPHolm());
            v.put("rank_method", d.rankMethod() == RankTest.Method.NONE ? null : d.rankMethod().name().toLowerCase(java.util.Locale.ROOT));
            number(v, "boot_ci_low", c.bootstrapDelta().low());
            number(v, "boot_ci_high", c.bootstrapDelta().high());
            ObjectNode g = v.putObject("hedges_g");
            number(g, "g", c.hedgesG().g());
            number(g, "ci_low", c.hedgesG().ciLow());
            number(g, "ci_high", c.hedgesG().ciHigh());
            number(v, "p_improvement", c.probabilityOfImprovement());
            // +inf: no study size would do (Δ = 0, or more than PowerAnalysis.MAX_SEEDS)
            if (Double.isInfinite(c.seedsPerArm())) v.put("power_seeds_per_arm", "inf");
            else number(v, "power_seeds_per_arm", c.seedsPerArm());
        }
        // only in reports with some SLURM accounting: a report of local runs keeps its shape
        if (accounting) o.set("slurm", accounting(row.accounting()));
        o.set("energy", energy(CellEnergy.of(row.runs(), energy)));
        ArrayNode details = o.putArray("run_details");
        row.runs().forEach(r -> details.add(run(r, energy.of(r.id()))));
        return o;
    }

    private static ObjectNode key(CellKey key) {
        ObjectNode k = Json.object();
        k.put("dataset", key.dataset());
        k.put("experiment", key.experiment());
        k.set("matrix", Json.MAPPER.valueToTree(key.matrix()));
        return k;
    }

    /** Wh and g CO2 over the cell's done runs with an energy record; the sources and the stated numbers they assume. */
    private static ObjectNode energy(CellEnergy e) {
        ObjectNode o = Json.object();
        o.put("runs_measured", e.measured());
        o.put("runs_done", e.done());
        o.set("wh", summary(e.wattHours()));
        o.set("co2_g", summary(e.co2Grams()));
        ArrayNode sources = o.putArray("sources");
        e.sources().forEach(sources::add);
        if (e.measured() == 0) o.putNull("mixed"); else o.put("mixed", e.isMixed());
        ArrayNode watts = o.putArray("watts_per_core");
        e.wattsPerCore().forEach(watts::add);
        ArrayNode grid = o.putArray("grid_g_co2_per_kwh");
        e.gridGramsPerKwh().forEach(grid::add);
        return o;
    }

    private static ObjectNode energy(RunEnergy e) {
        ObjectNode o = Json.object();
        o.put("source", e.source());
        o.put("wh", e.wattHours());
        o.put("co2_g", e.co2Grams());
        o.put("cpu_seconds", e.cpuSeconds());
        number(o, "watts_per_core", e.usesStatedPower() ? e.wattsPerCore() : Double.NaN);
        o.put("grid_g_co2_per_kwh", e.gridGramsPerKwh());
        o.put("grid_source", e.gridSource());
        o.put("assumptions", e.assumptions());
        return o;
    }

    private static ObjectNode run(RunRecord r, RunEnergy energy) {
        ObjectNode o = Json.object();
        o.put("run_id", r.id());
        o.put("seed", r.planned().seed());
        o.put("state", r.state().name().toLowerCase(java.util.Locale.ROOT));
        o.put("planned_evaluations", r.planned().plannedEvaluations());
        RunResult res = r.result();
        if (res != null) {
            MetricSchema schema = TrainerKinds.of(r.planned().config()).metrics();
            for (MetricSchema.Metric m : schema.all()) o.put(m.key(), res.metric(m.key()));
            for (String d : schema.resultDetails()) {
                if (res.raw().has(d)) o.set(d, res.raw().get(d));
            }
            o.put("evaluations", res.evaluations());
            o.put("train_seconds", res.trainSeconds());
            o.put("eval_seconds", res.evalSeconds());
            o.put("wall_seconds", res.wallSeconds());
            o.put("resumes", res.resumes());
            o.put("finished_at", res.finishedAt());
        }
        RunFailure f = r.failure();
        if (f != null) {
            ObjectNode failure = o.putObject("failure");
            if (f.exitCode() == null) failure.putNull("exit_code"); else failure.put("exit_code", f.exitCode());
            failure.put("message", f.message());
            failure.put("log", f.log());
            failure.put("at", f.at());
        }
        if (r.problem() != null) o.put("problem", r.problem());
        if (r.isDone()) o.set("energy", energy == null ? null : energy(energy));
        ClusterAccounting a = r.accounting();
        if (a != null) {
            ObjectNode slurm = o.putObject("slurm");
            slurm.put("job_id", a.jobId());
            slurm.put("restarts", a.restarts());
            slurm.put("elapsed_final_seconds", a.elapsedFinalSeconds());
            slurm.put("elapsed_total_seconds", a.elapsedTotalSeconds());
            if (a.hasQueueWait()) slurm.put("queue_wait_seconds", a.queueWaitSeconds()); else slurm.putNull("queue_wait_seconds");
        }
        return o;
    }

    /** Elapsed is summed over each run's attempts; all over the done runs that have accounting. */
    private static ObjectNode accounting(CellAccounting a) {
        ObjectNode o = Json.object();
        o.put("runs_accounted", a.accounted());
        o.put("runs_done", a.done());
        o.set("elapsed_seconds", summary(a.elapsedSeconds()));
        o.set("queue_wait_seconds", summary(a.queueWaitSeconds()));
        if (a.accounted() == 0) o.putNull("restarts"); else o.put("restarts", a.restarts());
        return o;
    }

    private static ObjectNode summary(Summary s) {
        ObjectNode o = Json.object();
        o.put("n", s.n());
        number(o, "mean", s.mean());
        number(o, "sd", s.sd());
        number(o, "se", s.se());
        number(o, "ci_low", s.ciLow());
        number(o, "ci_high", s.ciHigh());
        return o;
    }

    /** JSON has no NaN: a value that could not be computed is null. */
    private static void number(ObjectNode o, String field, double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) o.putNull(field); else o.put(field, x);
    }
}
