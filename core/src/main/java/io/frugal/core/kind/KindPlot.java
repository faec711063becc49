package io.frugal.core.kind;

import java.util.List;

/**
 * A plot a trainer kind adds to the report (e.g. a flow model's p̂ against d with the line at p,
 * learned parameters against t with their theory curves, ReLA's probe accuracy against budget):
 * what to draw, in numbers. The kind builds it from its done runs; analysis draws it (PNG, SVG and
 * inside report.html), so kinds need no charting library. Analysis builds its generic plots (metric
 * and runtime against cost, learning curves) as KindPlots too.
 *
 * @param id         a file-name-safe name, [a-z0-9-]+ (the files are plots/ID.png and plots/ID.svg)
 * @param title      a heading
 * @param xLabel     the x axis title, with its unit
 * @param yLabel     the y axis title, with its unit
 * @param logX       a logarithmic x axis (all x must then be positive)
 * @param series     the data, drawn in order, each with its own colour and legend entry
 * @param references horizontal or vertical lines at fixed values (e.g. the target p)
 * @param notes      sentences under the plot: what the points are, where the theory comes from
 */
public record KindPlot(String id, String title, String xLabel, String yLabel, boolean logX, List<Series> series,
                       List<ReferenceLine> references, List<String> notes) {
    public KindPlot {
        series = List.copyOf(series);
        references = List.copyOf(references);
        notes = List.copyOf(notes);
        if (!id.matches("[a-z0-9-]+")) throw new IllegalArgumentException("plot id must match [a-z0-9-]+: " + id);
    }

    /** One point: y with its error bar half-width (NaN or 0 for none, e.g. one run). */
    public record Point(double x, double y, double yErr) {
        public static Point of(double x, double y) {
            return new Point(x, y, Double.NaN);
        }
    }

    public enum Style {
        /** Points joined by a solid line, with error bars: a method across budgets, a learning curve. */
        LINE,
        /** Points only, with error bars. */
        POINTS,
        /** A dashed line without markers: a theory curve to compare the measured series with. */
        THEORY
    }

    public record Series(String name, List<Point> points, Style style) {
        public Series {
            points = List.copyOf(points);
        }
    }

    public enum Axis { X, Y }

    /** A line across the plot at {@code value} on {@code axis} (Y: a horizontal line). */
    public record ReferenceLine(String name, Axis axis, double value) {}
}
