package io.frugal.methods.flow;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.frugal.core.store.Json;
import java.util.Arrays;

/**
 * The T training times of a run, one network per time. Grid point k is the LEFT end of the k-th
 * of T consecutive intervals that tile the schedule's range [start, end]: t_0 = start (τ = 0, pure
 * noise, where sampling starts from N(0, I)), t_{T−1} < end. The end itself (a = 0, pure data) is
 * never a grid point: the sampler's field divides by a, and a network there would have nothing to
 * denoise. The Euler sampler steps from t_k to t_{k+1} (t_T = end) with network k.
 *
 * <p>Where the points sit is data: a piecewise-constant density over t (equal spacing for the
 * uniform density). Point k sits at the k/T quantile of the density, so a density that is higher
 * inside a window puts more networks, and finer sampler steps, there while T (and so the
 * training budget steps × n × T) stays the same.
 */
public record TimeGrid(double[] points, double end) {
    public TimeGrid {
        points = points.clone();
        if (points.length < 1) throw new IllegalArgumentException("a grid needs at least one point");
        for (int i = 1; i < points.length; i++) {
            if (!(points[i] > points[i - 1])) throw new IllegalArgumentException("grid points must increase: " + Arrays.toString(points));
        }
        if (!(end > points[points.length - 1])) throw new IllegalArgumentException("the grid's end must lie after its last point");
    }

    /** T equally spaced left end points: t_k = start + k·(end − start)/T. */
    public static TimeGrid uniform(TimeSchedule schedule, int count) {
        return fromDensity(schedule, count, new double[] {schedule.start(), schedule.end()}, new double[] {1});
    }

    /**
     * Points at the quantiles k/T of the density that is {@code weights[i]} (relative, ≥ 0, not all
     * zero) on [edges[i], edges[i+1]); the edges must span the schedule's range.
     */
    public static TimeGrid fromDensity(TimeSchedule schedule, int count, double[] edges, double[] weights) {
        if (count < 1) throw new IllegalArgumentException("grid size must be at least 1, got " + count);
        if (edges.length != weights.length + 1) throw new IllegalArgumentException("a density needs one weight per interval between edges");
        if (Math.abs(edges[0] - schedule.start()) > 1e-12 || Math.abs(edges[edges.length - 1] - schedule.end()) > 1e-12) {
            throw new IllegalArgumentException("the density's edges must span the schedule's range [" + schedule.start() + ", " + schedule.end() + "]");
        }
        double[] mass = new double[weights.length];
        double total = 0;
        for (int i = 0; i < weights.length; i++) {
            if (!(weights[i] >= 0) || !(edges[i + 1] > edges[i])) throw new IllegalArgumentException("density weights must be >= 0 on increasing edges");
            mass[i] = weights[i] * (edges[i + 1] - edges[i]);
            total += mass[i];
        }
        if (!(total > 0)) throw new IllegalArgumentException("the density has no mass");
        double[] points = new double[count];
        int section = 0;
        double below = 0; // mass of the sections before `section`
        for (int k = 0; k < count; k++) {
            double q = total * k / count;
            while (section < mass.length - 1 && below + mass[section] <= q) {
                below += mass[section];
                section++;
            }
            points[k] = mass[section] == 0 ? edges[section] : edges[section] + (q - below) / mass[section] * (edges[section + 1] - edges[section]);
        }
        return new TimeGrid(points, schedule.end());
    }

    /**
     * A phase-aware grid: {@code share} of the T points inside [from, to] (e.g. the U-turn switch
     * window), the rest spread evenly over the remaining range. Same T, so the same budget.
     */
    public static TimeGrid phaseAware(TimeSchedule schedule, int count, double from, double to, double share) {
        double start = schedule.start();
        double end = schedule.end();
        if (!(from >= start && to <= end && to > from)) throw new IllegalArgumentException("the window [" + from + ", " + to + "] must lie inside [" + start + ", " + end + "]");
        if (!(share > 0 && share < 1)) throw new IllegalArgumentException("share must be in (0, 1), got " + share);
        double outside = (from - start) + (end - to);
        double inside = share / (to - from);
        double rest = outside > 0 ? (1 - share) / outside : 0;
        double[] edges = {start, from, to, end};
        double[] weights = {rest, inside, rest};
        if (from == start) {
            edges = new double[] {start, to, end};
            weights = new double[] {inside, rest};
        } else if (to == end) {
            edges = new double[] {start, from, end};
            weights = new double[] {rest, inside};
        }
        return fromDensity(schedule, count, edges, weights);
    }

    public int size() {
        return points.length;
    }

    public double time(int k) {
        return points[k];
    }

    /** t_{k+1} − t_k, with t_T = end. */
    public double width(int k) {
        return (k + 1 < points.length ? points[k + 1] : end) - points[k];
    }

    /** The number of grid points in [from, to). */
    public int countIn(double from, double to) {
        int c = 0;
        for (double t : points) if (t >= from && t < to) c++;
        return c;
    }

    public ArrayNode toJson() {
        ArrayNode a = Json.array();
        for (double t : points) a.add(t);
        return a;
    }
}
