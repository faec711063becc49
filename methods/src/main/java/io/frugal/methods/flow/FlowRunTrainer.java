package io.frugal.methods.flow;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frugal.core.BadInputException;
import io.frugal.core.kind.Outcome;
import io.frugal.core.kind.TrainContext;
import io.frugal.core.kind.Trainer;
import io.frugal.core.store.Json;
import io.frugal.core.store.MetricsFile;
import io.frugal.core.store.ResultFile;
import io.frugal.core.store.RunDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Trains a flow run for {@code frugal train}: {@link FlowTrainer} in the run directory (its
 * checkpoint under checkpoint/), metrics.jsonl from its evaluation points, and result.json with
 * the common keys the report reads, the kind's metrics at the top level and the library's full
 * result (parameters, theory, U-turn curves) under {@code flow}.
 */
final class FlowRunTrainer implements Trainer {
    /** How many times this run was continued from a checkpoint, kept beside the checkpoint. */
    static final String RESUMES = "checkpoint/resumes.json";

    @Override
    public Outcome train(TrainContext context) {
        long wallStart = System.nanoTime();
        FlowRunConfig config = FlowRunConfig.parse(context.config());
        RunDirectory dir = context.dir();
        if (config.phaseShare() != null) config = withUTurnWindow(config, context);
        FlowSettings s = config.settings();
        int resumes = countResume(dir);
        context.out().printf("frugal train: run %s: %s field, d %d, n %d, T %d, %s schedule, %d steps, seed %d%s%n", dir.runId(),
                config.exact() ? "exact" : "learned", s.dimension(), s.points(), s.gridSize(), s.schedule().path("type").asText(),
                config.exact() ? 0 : s.steps(), s.seed(), resumes > 0 ? " (resuming from checkpoint)" : "");
        context.out().flush();
        ObjectNode flow;
        if (config.exact()) {
            flow = exactField(s);
        } else {
            List<JsonNode> points = earlierPoints(dir);
            flow = new FlowTrainer().train(s, dir.dir(), context.stop(), m -> {
                long step = m.path("step").asLong();
                points.removeIf(p -> p.path("step").asLong() >= step);
                points.add(m);
                MetricsFile.write(dir.metrics(), points);
            });
            if (!"done".equals(flow.path("status").asText())) {
                context.out().printf("frugal train: run %s stopped at step %d (%s); checkpoint written%n", dir.runId(),
                        flow.path("steps").asLong(), flow.path("reason").asText());
                context.out().flush();
                return Outcome.INTERRUPTED;
            }
        }
        ObjectNode result = result(context, config, flow, resumes, (System.nanoTime() - wallStart) / 1e9);
        ResultFile.write(dir, result);
        context.out().printf("frugal train: run %s done: p-hat %.4f (p %.2f), within-mode variance %.4f%n", dir.runId(),
                result.path("p_hat").asDouble(), s.p(), result.path("within_mode_variance").asDouble());
        context.out().flush();
        return Outcome.DONE;
    }

    static ObjectNode result(TrainContext context, FlowRunConfig config, ObjectNode flow, int resumes, double wallSeconds) {
        FlowSettings s = config.settings();
        JsonNode samples = config.exact() ? flow.path("exact_field_samples") : flow.path("samples");
        JsonNode c = context.config();
        ObjectNode r = Json.object();
        r.put("status", "done");
        r.put("run_id", context.dir().runId());
        r.put("experiment", c.path("experiment").asText());
        r.put("dataset", c.path("dataset").asText());
        r.put("seed", c.path("seed").asLong());
        r.put("field", config.exact() ? "exact" : "learned");
        r.put("dimension", s.dimension());
        r.put("p", s.p());
        double pHat = samples.path("p_hat").asDouble();
        r.put("p_hat_error", Math.abs(pHat - s.p()));
        r.put("p_hat", pHat);
        r.put("p_hat_ci95_low", samples.path("p_hat_ci95").path(0).asDouble());
        r.put("p_hat_ci95_high", samples.path("p_hat_ci95").path(1).asDouble());
        r.put("within_mode_variance", samples.path("within_mode_variance").asDouble());
        if (flow.has("training_mode_fraction")) r.put("training_mode_fraction", flow.path("training_mode_fraction").asDouble());
        if (!config.exact()) {
            r.put("loss", flow.path("loss").asDouble());
            r.put("steps", flow.path("steps").asLong());
        }
        FlowSummary.put(r, flow, s.p());
        r.put("evaluations", config.plannedCost());
        r.put("planned_evaluations", config.plannedCost());
        double train = config.exact() ? 0 : flow.path("seconds").asDouble();
        double eval = flow.path("measure_seconds").asDouble();
        r.put("train_seconds", train);
        r.put("eval_seconds", eval);
        r.put("wall_seconds", Math.max(wallSeconds, train + eval));
        r.put("resumes", resumes);
        r.put("finished_at", Instant.now().toString());
        r.set("flow", flow);
        return r;
    }

    /** No training: the Bayes field sampled on the run's own grid (and its U-turn, if asked). */
    static ObjectNode exactField(FlowSettings s) {
        long start = System.nanoTime();
        TimeSchedule schedule = s.timeSchedule();
        TimeGrid grid = s.grid();
        GaussianMixture mixture = s.mixture();
        ObjectNode result = Json.object();
        result.set("settings", s.toJson());
        result.set("schedule_knots", schedule.toJson());
        result.set("grid", grid.toJson());
        try (NDManager manager = NDManager.newBaseManager()) {
            Field field = Field.exact(mixture, schedule);
            ObjectNode samples = FlowResults.samples(Sampler.generate(manager, field, schedule, grid, s.dimension(), s.samples(), s.seed(), "sample"));
            result.set("exact_field_samples", samples.put("euler_steps", grid.size()));
            if (s.uturnSamples() > 0) {
                ObjectNode u = Json.object();
                for (int mode : new int[] {1, -1}) {
                    UTurn.Curve curve = UTurn.run(manager, field, schedule, grid, mixture, mode, s.uturnSamples(), s.seed());
                    u.set(mode > 0 ? "from_plus" : "from_minus", FlowResults.uturn(curve));
                }
                result.set("uturn", u);
            }
        }
        result.put("status", "done").put("measure_seconds", (System.nanoTime() - start) / 1e9);
        return result;
    }

    /**
     * The phase-aware grid's window: the union of the switch intervals of the two U-turn curves
     * (from the + mode and from the − mode) of the needed run, which must have measured them.
     */
    static FlowRunConfig withUTurnWindow(FlowRunConfig config, TrainContext context) {
        RunDirectory input = context.inputs().get(FlowRunConfig.UTURN_ROLE);
        if (input == null) throw new BadInputException("phase_window needs the '" + FlowRunConfig.UTURN_ROLE + "' input run");
        JsonNode uturn = Json.read(input.result()).path("flow").path("uturn");
        if (uturn.isMissingNode()) {
            throw new BadInputException("input run " + input.runId() + " has no U-turn curves (set uturn_samples > 0 in its experiment)");
        }
        double[] w = window(uturn);
        TimeSchedule schedule = config.settings().timeSchedule();
        if (!(w[1] > w[0])) {
            throw new BadInputException("input run " + input.runId() + "'s U-turn curves give no switch interval (" + w[0] + ", " + w[1] + ")");
        }
        return config.withWindow(Math.max(schedule.start(), w[0]), Math.min(schedule.end(), w[1]));
    }

    static double[] window(JsonNode uturn) {
        double from = Double.POSITIVE_INFINITY;
        double to = Double.NEGATIVE_INFINITY;
        for (String curve : List.of("from_plus", "from_minus")) {
            JsonNode sw = uturn.path(curve).path("switch_window");
            if (sw.path(0).isNumber()) from = Math.min(from, sw.path(0).asDouble());
            if (sw.path(1).isNumber()) to = Math.max(to, sw.path(1).asDouble());
        }
        return new double[] {from, to};
    }

    /** metrics.jsonl points of earlier attempts (a resumed run keeps those before its checkpoint). */
    private static List<JsonNode> earlierPoints(RunDirectory dir) {
        List<JsonNode> points = new ArrayList<>();
        if (Files.isRegularFile(dir.metrics())) {
            for (String line : MetricsFile.lines(dir.metrics())) {
                if (!line.isBlank()) points.add(Json.parse(line));
            }
        }
        return points;
    }

    /** Counts this call as a resume when a checkpoint is there, persisting the count beside it. */
    private static int countResume(RunDirectory dir) {
        Path counter = dir.dir().resolve(RESUMES);
        int before = Files.isRegularFile(counter) ? Json.read(counter).path("resumes").asInt() : 0;
        if (!Files.isRegularFile(dir.dir().resolve(FlowTrainer.CHECKPOINT))) return before;
        int now = before + 1;
        Json.writeAtomically(counter, Json.object().put("resumes", now));
        return now;
    }
}
