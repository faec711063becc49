package io.frugal.methods.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * The U-turn probe: take points of one mode, noise them to a grid time t0
 * (x_{t0} = a(t0)·z + b(t0)·x), integrate back to the data end with the sampler, and count the
 * fraction that ends in the other mode (sign of ⟨X, μ⟩). As t0 grows (less noise) the fraction
 * falls from the other mode's prior weight to 0; where it falls is where the mode is decided.
 *
 * <p>Switch window rule: with f_max and f_min the curve's extremes, the window runs from the first
 * t0 at which f has fallen to f_min + 0.9·(f_max − f_min) to the first t0 at which it has fallen
 * to f_min + 0.1·(f_max − f_min), each located by linear interpolation between grid points.
 */
public final class UTurn {
    private UTurn() {}

    public record Curve(int mode, double[] times, double[] otherModeFraction, double switchFrom, double switchTo) {}

    /** The curve over every grid point as t0; {@code count} points of mode {@code mode} (±1) per t0. */
    public static Curve run(NDManager manager, Field field, TimeSchedule schedule, TimeGrid grid, GaussianMixture mixture, int mode,
                            int count, long seed) {
        int d = mixture.dimension();
        GaussianMixture.Points start = mixture.drawFromMode(count, mode, seed, "uturn-data/" + mode);
        double[] times = new double[grid.size()];
        double[] fraction = new double[grid.size()];
        for (int k = 0; k < grid.size(); k++) {
            double t0 = grid.time(k);
            times[k] = t0;
            try (NDManager scope = manager.newSubManager()) {
                NDArray x = scope.create(start.values(), new Shape(count, d));
                NDArray z = EngineNoise.normal(scope, new Shape(count, d), DataType.FLOAT32, seed, "uturn-noise/" + mode, k);
                x.muli(schedule.b(t0)).addi(z.muli(schedule.a(t0)));
                Sampler.integrate(field, schedule, grid, x, k);
                NDArray projection = x.sum(new int[] {1});
                NDArray other = mode > 0 ? projection.lte(0) : projection.gt(0);
                fraction[k] = other.toType(DataType.FLOAT64, false).sum().getDouble() / count;
            }
        }
        double[] window = switchWindow(times, fraction);
        return new Curve(mode, times, fraction, window[0], window[1]);
    }

    /** The rule of the class comment; NaN bounds where the curve never crosses a level. */
    static double[] switchWindow(double[] times, double[] f) {
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (double v : f) {
            max = Math.max(max, v);
            min = Math.min(min, v);
        }
        return new double[] {firstFall(times, f, min + 0.9 * (max - min)), firstFall(times, f, min + 0.1 * (max - min))};
    }

    private static double firstFall(double[] times, double[] f, double level) {
        if (f[0] <= level) return times[0];
        for (int i = 1; i < f.length; i++) {
            if (f[i] <= level) return times[i - 1] + (f[i - 1] - level) / (f[i - 1] - f[i]) * (times[i] - times[i - 1]);
        }
        return Double.NaN;
    }

    /**
     * Where a U-turn curve crosses one half: the first t0 (in increasing order) where the fraction
     * of starts ending in the other mode or class has fallen from above one half to one half or
     * less, linearly interpolated between the two times; NaN where it never does. The paper's
     * image U-turn is summarised so (its table's crossing for starts from the minority class).
     */
    public static double halfCrossing(double[] t0, double[] fraction) {
        int n = Math.min(t0.length, fraction.length);
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        java.util.Arrays.sort(order, java.util.Comparator.comparingDouble(i -> t0[i]));
        for (int j = 1; j < n; j++) {
            int a = order[j - 1], b = order[j];
            if (fraction[a] > 0.5 && fraction[b] <= 0.5) {
                double w = (fraction[a] - 0.5) / (fraction[a] - fraction[b]);
                return t0[a] + w * (t0[b] - t0[a]);
            }
        }
        return Double.NaN;
    }
}
