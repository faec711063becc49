package io.frugal.core.kind;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a run is planned to cost, in its kind's unit ({@link MetricSchema#costUnit}): images
 * trained on for a classifier, samples × optimizer steps for a flow model. {@code baseline} is
 * what the same run would cost without the method's saving (full data), so {@link #ratio} is the
 * saving the paper claims. {@code details} are the kind's own plan fields (epochs, train size),
 * written before the three cost fields of a plan.json run entry.
 */
public record PlannedCost(ObjectNode details, long planned, long baseline) {
    public double ratio() {
        return (double) planned / baseline;
    }
}
