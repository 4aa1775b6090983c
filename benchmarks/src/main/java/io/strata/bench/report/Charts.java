package io.strata.bench.report;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** PNG plots with XChart, rendered headless. */
public final class Charts {
    private Charts() {
    }

    /**
     * Grouped bars: one group per category (a query, a sysbench test), one bar per engine.
     * Missing values (a query an engine could not run) are drawn as zero-height bars and should be
     * explained by the table next to the plot.
     */
    public static void groupedBars(Path png, String title, String yAxis, List<String> categories,
                                   Map<String, List<Double>> seriesByEngine, boolean logScale) throws IOException {
        System.setProperty("java.awt.headless", "true");
        CategoryChart chart = new CategoryChartBuilder().width(Math.max(800, 60 * categories.size() + 200)).height(500)
                .title(title).xAxisTitle("").yAxisTitle(yAxis).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setXAxisLabelRotation(categories.size() > 8 ? 45 : 0);
        chart.getStyler().setYAxisLogarithmic(logScale);
        double minPositive = Double.MAX_VALUE;
        for (List<Double> values : seriesByEngine.values()) {
            for (Double d : values) {
                if (d != null && d > 0) {
                    minPositive = Math.min(minPositive, d);
                }
            }
        }
        // A log axis cannot show zero: missing values get a floor one decade below the smallest
        // figure, and the axis starts there (XChart otherwise starts bar charts at zero and refuses).
        double floor = minPositive == Double.MAX_VALUE ? 1.0 : Math.pow(10, Math.floor(Math.log10(minPositive)));
        if (logScale) {
            chart.getStyler().setYAxisMin(floor);
        }
        for (Map.Entry<String, List<Double>> e : seriesByEngine.entrySet()) {
            List<Double> ys = new ArrayList<>();
            for (Double d : e.getValue()) {
                ys.add(d == null || d.isNaN() || d <= 0 ? (logScale ? floor : 0.0) : d);
            }
            chart.addSeries(e.getKey(), categories, ys);
        }
        write(png, chart);
    }

    /** Lines: x numeric (rows, scale factor), one line per engine. */
    public static void lines(Path png, String title, String xAxis, String yAxis,
                             LinkedHashMap<String, double[][]> xyByEngine, boolean logX) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(800).height(500).title(title).xAxisTitle(xAxis).yAxisTitle(yAxis).build();
        chart.getStyler().setXAxisLogarithmic(logX);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        for (Map.Entry<String, double[][]> e : xyByEngine.entrySet()) {
            chart.addSeries(e.getKey(), e.getValue()[0], e.getValue()[1]);
        }
        write(png, chart);
    }

    private static void write(Path png, org.knowm.xchart.internal.chartpart.Chart<?, ?> chart) throws IOException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
