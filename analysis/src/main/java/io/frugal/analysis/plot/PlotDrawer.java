package io.frugal.analysis.plot;

import io.frugal.core.kind.KindPlot;
import io.frugal.core.kind.KindPlot.Point;
import io.frugal.core.kind.KindPlot.ReferenceLine;
import io.frugal.core.kind.KindPlot.Series;
import io.frugal.core.kind.KindPlot.Style;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws a {@link KindPlot} with XChart, as PNG (for slides and the HTML report) and SVG (for
 * papers: vector, scales without loss). White background, light grid, legend outside the plot,
 * error bars in the series' colour, theory curves dashed, reference lines grey and dotted.
 */
public final class PlotDrawer {
    public static final int WIDTH = 900;
    public static final int HEIGHT = 540;

    static {
        // reports are made on cluster nodes and in CI: no display, and AWT must not look for one
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
    }

    private PlotDrawer() {}

    public static byte[] png(KindPlot plot) {
        try {
            return BitmapEncoder.getBitmapBytes(chart(plot), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw plot " + plot.id() + ": " + e.getMessage(), e);
        }
    }

    public static byte[] svg(KindPlot plot) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            VectorGraphicsEncoder.saveVectorGraphic(chart(plot), out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw plot " + plot.id() + ": " + e.getMessage(), e);
        }
        // VectorGraphics2D declares the SVG 1.1 DTD by URL: a validating reader would go to the network
        // for it, and browsers ignore it; the file is a plain SVG without it.
        String text = out.toString(java.nio.charset.StandardCharsets.UTF_8).replaceFirst("<!DOCTYPE[^>]*>\\s*", "");
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    static XYChart chart(KindPlot plot) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(plot.title())
                .xAxisTitle(plot.xLabel()).yAxisTitle(plot.yLabel()).build();
        XYStyler s = chart.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(Color.DARK_GRAY);
        s.setPlotGridLinesColor(new Color(225, 225, 225));
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setLegendBorderColor(Color.WHITE);
        s.setChartTitleBoxVisible(false);
        s.setChartTitleFont(titleFont(plot));
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setMarkerSize(7);
        s.setErrorBarsColorSeriesColor(true);
        s.setXAxisLogarithmic(plot.logX());
        s.setAntiAlias(true);
        double[] xRange = range(plot, true);
        double[] yRange = range(plot, false);
        Set<String> names = new HashSet<>();
        for (Series series : plot.series()) {
            List<Point> pts = series.points().stream().filter(p -> Double.isFinite(p.x()) && Double.isFinite(p.y())).toList();
            if (pts.isEmpty()) continue;
            double[] x = pts.stream().mapToDouble(Point::x).toArray();
            double[] y = pts.stream().mapToDouble(Point::y).toArray();
            boolean errors = series.style() != Style.THEORY && pts.stream().anyMatch(p -> Double.isFinite(p.yErr()) && p.yErr() > 0);
            double[] err = pts.stream().mapToDouble(p -> Double.isFinite(p.yErr()) ? p.yErr() : 0).toArray();
            XYSeries xy = errors ? chart.addSeries(unique(series.name(), names), x, y, err)
                    : chart.addSeries(unique(series.name(), names), x, y);
            switch (series.style()) {
                case LINE -> xy.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                case POINTS -> xy.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                case THEORY -> {
                    xy.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                    xy.setMarker(SeriesMarkers.NONE);
                    xy.setLineStyle(SeriesLines.DASH_DASH);
                }
            }
        }
        for (ReferenceLine r : plot.references()) {
            if (!Double.isFinite(r.value()) || xRange == null) continue;
            double[] x = r.axis() == KindPlot.Axis.Y ? xRange : new double[] {r.value(), r.value()};
            double[] y = r.axis() == KindPlot.Axis.Y ? new double[] {r.value(), r.value()} : yRange;
            XYSeries line = chart.addSeries(unique(r.name(), names), x, y);
            line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            line.setMarker(SeriesMarkers.NONE);
            line.setLineColor(Color.GRAY);
            line.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {2f, 4f}, 0f));
        }
        return chart;
    }

    /**
     * XChart centres the title over the plot area, which the legend outside it narrows, and cuts a
     * title wider than that on both sides: a long title (a kind's plots name their experiment and
     * setting) gets a smaller font, down to a legible 10 points, so that it fits.
     */
    static Font titleFont(KindPlot plot) {
        java.awt.font.FontRenderContext frc = new java.awt.font.FontRenderContext(null, true, true);
        Font legend = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        double legendWidth = 0;
        for (Series series : plot.series()) legendWidth = Math.max(legendWidth, legend.getStringBounds(series.name(), frc).getWidth());
        for (ReferenceLine r : plot.references()) legendWidth = Math.max(legendWidth, legend.getStringBounds(r.name(), frc).getWidth());
        // legend markers, padding and the y axis's labels take about this much beside the names
        double room = WIDTH - legendWidth - 140;
        Font font = new Font(Font.SANS_SERIF, Font.BOLD, 15);
        while (font.getSize() > 10 && font.getStringBounds(plot.title(), frc).getWidth() > room) {
            font = font.deriveFont((float) (font.getSize() - 1));
        }
        return font;
    }

    /** The data's range on one axis (error bars included on y), for reference lines to span; null without data. */
    private static double[] range(KindPlot plot, boolean x) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Series s : plot.series()) {
            for (Point p : s.points()) {
                if (!Double.isFinite(p.x()) || !Double.isFinite(p.y())) continue;
                double e = !x && Double.isFinite(p.yErr()) ? p.yErr() : 0;
                lo = Math.min(lo, (x ? p.x() : p.y()) - e);
                hi = Math.max(hi, (x ? p.x() : p.y()) + e);
            }
        }
        for (ReferenceLine r : plot.references()) {
            if ((r.axis() == KindPlot.Axis.X) == x && Double.isFinite(r.value())) {
                lo = Math.min(lo, r.value());
                hi = Math.max(hi, r.value());
            }
        }
        return lo > hi ? null : new double[] {lo, hi};
    }

    /** XChart needs distinct series names; a repeated one gets " (2)", " (3)", ... */
    private static String unique(String name, Set<String> used) {
        String n = name;
        for (int i = 2; !used.add(n); i++) n = name + " (" + i + ")";
        return n;
    }
}
