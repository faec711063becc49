package io.frugal.methods.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The exponential moving average of the trained weights, which is what gets evaluated. As in
 * TensorFlow's {@code ExponentialMovingAverage} with {@code num_updates}, update n (0-based) uses
 * decay {@code min(decay, (1+n)/(10+n))}: without that warm-up a 0.999 average of a short run (a
 * few hundred steps) is still mostly the random initial weights, and evaluates near chance.
 * Batch-norm running statistics are not averaged (they already are averages); evaluation uses the
 * network's own.
 */
final class WeightAverage {
    private final List<Parameter> parameters;
    private final List<NDArray> averages = new ArrayList<>();
    private final double decay;
    private long updates;

    /** Starts the average at the parameters' current values, as TensorFlow does. */
    WeightAverage(NDManager manager, List<Parameter> parameters, double decay) {
        this.parameters = List.copyOf(parameters);
        this.decay = decay;
        for (Parameter p : parameters) {
            NDArray copy = p.getArray().duplicate();
            copy.attach(manager);
            averages.add(copy);
        }
    }

    /** Replaces the averages with a checkpoint's. */
    void restore(List<NDArray> values, long updates) {
        for (int i = 0; i < averages.size(); i++) {
            NDArray old = averages.set(i, values.get(i));
            values.get(i).attach(old.getManager());
            old.close();
        }
        this.updates = updates;
    }

    /** The decay that update number {@code n} (0-based) uses. */
    static double decayAt(double decay, long n) {
        return Math.min(decay, (1.0 + n) / (10.0 + n));
    }

    void update() {
        float d = (float) decayAt(decay, updates);
        for (int i = 0; i < parameters.size(); i++) {
            try (NDArray fresh = parameters.get(i).getArray().mul(1 - d)) {
                averages.get(i).muli(d).addi(fresh);
            }
        }
        updates++;
    }

    long updates() {
        return updates;
    }

    List<NDArray> averages() {
        return averages;
    }

    /**
     * A parameter store that gives the network the averaged weights instead of its own, without
     * copying anything into or out of the network; parameters that are not averaged (batch-norm
     * running statistics) come from the network.
     */
    ParameterStore averagedStore(NDManager manager) {
        Map<String, NDArray> byId = new java.util.HashMap<>();
        for (int i = 0; i < parameters.size(); i++) byId.put(parameters.get(i).getId(), averages.get(i));
        return new ParameterStore(manager, false) {
            @Override
            public NDArray getValue(Parameter parameter, Device device, boolean training) {
                NDArray averaged = parameter == null ? null : byId.get(parameter.getId());
                return averaged != null ? averaged : super.getValue(parameter, device, training);
            }
        };
    }
}
