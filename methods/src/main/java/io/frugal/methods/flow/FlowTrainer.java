package io.frugal.methods.flow;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frugal.core.BadInputException;
import io.frugal.core.store.Json;
import io.frugal.core.kind.StopSignal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Trains the T flow networks of one run in a directory and measures what they generate.
 *
 * <p>The directory holds {@code checkpoint/flow.ckpt}, written every {@code checkpoint_every}
 * steps, on a stop request and after the last step; a call on a directory with a checkpoint
 * continues from it (refused if it was written for other settings), and because each step's
 * noise is keyed by its step number the numbers are those of an uninterrupted run. A call after
 * the last step only recomputes the result (deterministically). Writing result.json and
 * metrics.jsonl is the caller's: this class hands metrics to a {@link FlowListener} and returns
 * the result.
 */
public final class FlowTrainer {
    public static final String CHECKPOINT = "checkpoint/flow.ckpt";
    /** Antithetic pairs of z in the finite-n theory's Monte Carlo. */
    static final int THEORY_Z_DRAWS = 1000;

    /**
     * Runs (or continues) training; returns the result node, whose {@code status} is "done", or
     * "interrupted" when {@code stop} was requested (a checkpoint was written first).
     */
    public ObjectNode train(FlowSettings settings, Path dir, StopSignal stop, FlowListener listener) {
        Path checkpointFile = dir.resolve(CHECKPOINT);
        String sha = trainingSha256(settings);
        try (NDManager manager = NDManager.newBaseManager(); FlowTraining training = new FlowTraining(settings, manager, DataType.FLOAT32)) {
            double previousSeconds = 0;
            int resumes = 0;
            if (Files.isRegularFile(checkpointFile)) {
                FlowCheckpoint c = FlowCheckpoint.read(checkpointFile);
                if (!c.settingsSha256().equals(sha)) {
                    throw new BadInputException(checkpointFile + " was written for other settings; delete it to restart the run");
                }
                if (c.step() > settings.steps()) {
                    throw new BadInputException(checkpointFile + " is at step " + c.step() + ", beyond this run's " + settings.steps() + " steps");
                }
                training.restore(c);
                previousSeconds = c.seconds();
                resumes = 1;
            }
            long start = System.nanoTime();
            long planned = settings.steps();
            while (training.step() < planned) {
                if (stop.isRequested()) {
                    double seconds = previousSeconds + (System.nanoTime() - start) / 1e9;
                    training.checkpoint(sha, seconds).write(checkpointFile);
                    return FlowResults.interrupted(training.step(), planned, training.lastLoss, seconds, stop.reason());
                }
                double loss = training.trainStep();
                long step = training.step();
                double seconds = previousSeconds + (System.nanoTime() - start) / 1e9;
                if (step % settings.evalEvery() == 0 || step == planned) listener.evaluated(FlowResults.metrics(step, planned, loss, seconds));
                if (step % settings.checkpointEvery() == 0 && step < planned) training.checkpoint(sha, seconds).write(checkpointFile);
            }
            double seconds = previousSeconds + (System.nanoTime() - start) / 1e9;
            training.checkpoint(sha, seconds).write(checkpointFile);
            long measureStart = System.nanoTime();
            ObjectNode result = measure(settings, training, manager);
            result.put("status", "done").put("steps", training.step()).put("planned_steps", planned)
                    .put("planned_samples", settings.plannedSamples()).put("loss", training.lastLoss).put("seconds", seconds)
                    .put("resumed", resumes > 0).put("measure_seconds", (System.nanoTime() - measureStart) / 1e9);
            return result;
        }
    }

    /** Samples, parameters, theory and (if asked) the U-turn curves of the trained networks. */
    static ObjectNode measure(FlowSettings s, FlowTraining training, NDManager manager) {
        ObjectNode result = Json.object();
        result.set("settings", s.toJson());
        result.set("schedule_knots", training.schedule.toJson());
        // p̂ can only track the n training points' own mode fraction, which differs from p by ~sqrt(p(1-p)/n)
        long plus = java.util.Arrays.stream(training.data.modes()).filter(m -> m > 0).count();
        result.put("training_mode_fraction", (double) plus / training.data.count());
        Field learned = Field.learned(training.networks);
        int d = s.dimension();
        result.set("samples", FlowResults.samples(Sampler.generate(manager, learned, training.schedule, training.grid, d, s.samples(), s.seed(), "sample")));
        if (s.exactEulerSteps() > 0) {
            TimeGrid fine = TimeGrid.uniform(training.schedule, s.exactEulerSteps());
            ObjectNode exact = FlowResults.samples(Sampler.generate(manager, Field.exact(training.mixture, training.schedule), training.schedule, fine, d,
                    s.samples(), s.seed(), "sample"));
            result.set("exact_field_samples", exact.put("euler_steps", s.exactEulerSteps()));
        }
        result.set("parameters", FlowResults.parameters(training.grid, LearnedParameters.of(training.networks)));
        if (s.dilated()) {
            List<FlowTheory.Parameters> infinite = new ArrayList<>();
            List<FlowTheory.Parameters> finite = new ArrayList<>();
            for (int k = 0; k < training.grid.size(); k++) {
                double t = training.grid.time(k);
                infinite.add(FlowTheory.infinite(t, s.kappa(), s.p()));
                finite.add(FlowTheory.finite(t, s.kappa(), s.p(), s.points(), FlowTheory.LAMBDA_W, FlowTheory.LAMBDA_U, THEORY_Z_DRAWS, s.seed()));
            }
            ObjectNode theory = Json.object();
            theory.set("infinite_n", FlowResults.theory(infinite));
            ObjectNode fin = FlowResults.theory(finite);
            fin.put("lambda_w", FlowTheory.LAMBDA_W).put("lambda_u", FlowTheory.LAMBDA_U).put("n", s.points());
            theory.set("finite_n", fin);
            result.set("theory", theory);
        }
        if (s.uturnSamples() > 0) {
            ObjectNode u = Json.object();
            for (int mode : new int[] {1, -1}) {
                UTurn.Curve c = UTurn.run(manager, learned, training.schedule, training.grid, training.mixture, mode, s.uturnSamples(), s.seed());
                u.set(mode > 0 ? "from_plus" : "from_minus", FlowResults.uturn(c));
            }
            result.set("uturn", u);
        }
        return result;
    }

    /** Hash of the settings that determine the training trajectory (not steps, sampling or logging). */
    static String trainingSha256(FlowSettings s) {
        ObjectNode o = s.toJson();
        for (String key : List.of("steps", "samples", "exact_euler_steps", "checkpoint_every", "eval_every", "uturn_samples")) o.remove(key);
        return Json.sha256(o);
    }
}
