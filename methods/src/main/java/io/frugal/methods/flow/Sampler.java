package io.frugal.methods.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Euler integration of the probability-flow ODE of x_t = a·z + b·x1:
 * dX/dt = (ȧ/a)·X + (ḃ − ȧ·b/a)·E[x1 | X], from grid point k0 to the schedule's end, one step
 * per grid interval with the field at the interval's left end (where a > 0 always).
 */
public final class Sampler {
    private Sampler() {}

    /** Moves X (M, d), which holds samples at time t_{k0}, in place to the end of the schedule. */
    public static void integrate(Field field, TimeSchedule schedule, TimeGrid grid, NDArray x, int fromIndex) {
        for (int k = fromIndex; k < grid.size(); k++) {
            double t = grid.time(k);
            double dt = grid.width(k);
            double a = schedule.a(t);
            double b = schedule.b(t);
            double aDot = schedule.aDot(t);
            double bDot = schedule.bDot(t);
            try (NDManager scope = x.getManager().newSubManager()) {
                NDArray f = field.denoise(x, k, t);
                f.attach(scope);
                f.muli(dt * (bDot - aDot * b / a));
                x.muli(1 + dt * aDot / a).addi(f);
            }
        }
    }

    /** Batch size of {@link #generate}: part of a run's definition, since batch b draws its start from (seed, purpose, b). */
    static final int BATCH = 1024;

    /**
     * Generates {@code count} samples from N(0, I) at the grid's first point and returns their
     * observables; batch b starts from the noise key (seed, purpose, b).
     */
    public static SampleStats generate(NDManager manager, Field field, TimeSchedule schedule, TimeGrid grid, int d, int count,
                                       long seed, String purpose) {
        SampleStats stats = new SampleStats(d);
        for (int batch = 0, done = 0; done < count; batch++) {
            int m = Math.min(BATCH, count - done);
            try (NDManager scope = manager.newSubManager()) {
                NDArray x = EngineNoise.normal(scope, new Shape(m, d), DataType.FLOAT32, seed, purpose, batch);
                integrate(field, schedule, grid, x, 0);
                stats.add(x);
            }
            done += m;
        }
        return stats;
    }
}
