package io.frugal.methods.flow;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Receives a flow run's metrics every {@code eval_every} steps (and at the last step). */
@FunctionalInterface
public interface FlowListener {
    FlowListener NONE = metrics -> { };

    /** {step, loss, seconds, planned_steps}; the node is the listener's to keep. */
    void evaluated(ObjectNode metrics);
}
