package io.frugal.core.kind;

/**
 * Which two numbers of a kind's metrics.jsonl lines make its learning curve: the report plots,
 * per cell, the mean ± sd over seeds of {@code yKey} against the mean of {@code xKey}, point by
 * point (line i of every run of the cell).
 *
 * @param xKey   the key of the x value in each line (e.g. "evaluations")
 * @param xLabel the x axis title (e.g. "images trained on")
 * @param yKey   the key of the y value in each line (e.g. "top1")
 * @param y      how the y value is labelled and shown (a fraction is shown as a percentage)
 */
public record LearningCurve(String xKey, String xLabel, String yKey, MetricSchema.Metric y) {}
