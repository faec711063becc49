package io.frugal.methods.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The training state of one flow run in memory: the training set, the T networks and their Adam
 * state, and one full-batch step. The noise of step s is drawn from the key (seed, "noise", s),
 * so the state after s steps is a function of (settings, s) alone, however many times the run was
 * stopped and resumed on the way.
 */
final class FlowTraining implements AutoCloseable {
    final FlowSettings settings;
    final TimeSchedule schedule;
    final TimeGrid grid;
    final GaussianMixture mixture;
    final GaussianMixture.Points data;
    final NDManager manager;
    final DataType type;
    final FlowNetworks networks;
    final TorchAdam adam;
    private final NDArray target;   // x1, (n, d)
    private final NDArray aColumn;  // a(t_k), (T, 1, 1)
    private final NDArray scaled;   // b(t_k)·x1, (T, n, d): fixed, so computed once
    private final Shape noiseShape;
    double lastLoss = Double.NaN;

    FlowTraining(FlowSettings settings, NDManager parent, DataType type) {
        this.settings = settings;
        this.schedule = settings.timeSchedule();
        this.grid = settings.grid();
        this.mixture = settings.mixture();
        this.type = type;
        this.manager = parent.newSubManager();
        int t = grid.size();
        int n = settings.points();
        int d = settings.dimension();
        data = mixture.draw(n, settings.seed(), "data");
        target = manager.create(data.values(), new Shape(n, d)).toType(type, false);
        float[] a = new float[t];
        float[] b = new float[t];
        for (int k = 0; k < t; k++) {
            a[k] = (float) schedule.a(grid.time(k));
            b[k] = (float) schedule.b(grid.time(k));
        }
        aColumn = manager.create(a, new Shape(t, 1, 1)).toType(type, false);
        try (NDArray bColumn = manager.create(b, new Shape(t, 1, 1)).toType(type, false)) {
            scaled = target.expandDims(0).mul(bColumn);
        }
        noiseShape = new Shape(t, n, d);
        networks = FlowNetworks.initialise(manager, t, d, type, settings.seed());
        double wd = settings.weightDecay();
        adam = new TorchAdam(manager, networks.parameters(), new double[] {0, 0, wd, wd}, settings.lr());
    }

    NDArray target() {
        return target;
    }

    long step() {
        return adam.steps();
    }

    /**
     * The noised inputs X_k = a_k·z + b_k·x1 of step {@code step} for networks [from, to), in
     * {@code scope}; the noise of a block is keyed (seed, "noise", step, from).
     */
    NDArray noisedInputs(NDManager scope, long step, int from, int to) {
        Shape shape = new Shape(to - from, noiseShape.get(1), noiseShape.get(2));
        NDArray z = EngineNoise.normal(scope, shape, type, settings.seed(), "noise", step, from);
        NDIndex rows = new NDIndex(from + ":" + to);
        NDArray a = aColumn.get(rows);
        NDArray b = scaled.get(rows);
        z.muli(a).addi(b);
        a.close();
        b.close();
        return z;
    }

    /** All T blocks' inputs of a step in one (T, n, d) array (for tests and small shapes). */
    NDArray noisedInputs(NDManager scope, long step) {
        int block = FlowNetworks.blockSize(grid.size(), settings.points(), settings.dimension());
        java.util.List<NDArray> parts = new java.util.ArrayList<>();
        for (int from = 0; from < grid.size(); from += block) parts.add(noisedInputs(scope, step, from, Math.min(grid.size(), from + block)));
        return parts.size() == 1 ? parts.get(0) : ai.djl.ndarray.NDArrays.concat(new ai.djl.ndarray.NDList(parts), 0);
    }

    FlowNetworks.Inputs inputs(long step) {
        return (scope, from, to) -> noisedInputs(scope, step, from, to);
    }

    /** One Adam step on the loss of this step's noise; returns that loss (before the update). */
    double trainStep() {
        try (NDManager scope = manager.newSubManager()) {
            try (FlowNetworks.LossAndGradient lg = networks.lossAndGradient(inputs(adam.steps()), target, scope)) {
                adam.step(lg.gradients());
                lastLoss = lg.loss();
                return lastLoss;
            }
        }
    }

    /** Loss at the current parameters on step {@code step}'s noise, without updating (for tests). */
    double loss(long step) {
        try (NDManager scope = manager.newSubManager()) {
            try (FlowNetworks.LossAndGradient lg = networks.lossAndGradient(inputs(step), target, scope)) {
                return lg.loss();
            }
        }
    }

    FlowNetworks.LossAndGradient lossAndGradient(NDManager scope, long step) {
        return networks.lossAndGradient(inputs(step), target, scope);
    }

    FlowCheckpoint checkpoint(String settingsSha, double seconds) {
        Map<String, float[]> tensors = new LinkedHashMap<>();
        Map<String, long[]> shapes = new LinkedHashMap<>();
        List<NDArray> params = networks.parameters();
        for (int i = 0; i < params.size(); i++) {
            String name = FlowNetworks.NAMES.get(i);
            long[] shape = params.get(i).getShape().getShape();
            put(tensors, shapes, "param/" + name, params.get(i), shape);
            put(tensors, shapes, "adam.m/" + name, adam.firstMoments().get(i), shape);
            put(tensors, shapes, "adam.v/" + name, adam.secondMoments().get(i), shape);
        }
        return new FlowCheckpoint(settingsSha, adam.steps(), seconds, lastLoss, tensors, shapes);
    }

    private static void put(Map<String, float[]> tensors, Map<String, long[]> shapes, String name, NDArray a, long[] shape) {
        tensors.put(name, FlowNetworks.values(a));
        shapes.put(name, shape);
    }

    void restore(FlowCheckpoint c) {
        if (type != DataType.FLOAT32) throw new IllegalStateException("checkpoints hold float32 state");
        List<NDArray> params = networks.parameters();
        java.util.List<float[]> m = new java.util.ArrayList<>();
        java.util.List<float[]> v = new java.util.ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            String name = FlowNetworks.NAMES.get(i);
            long[] shape = params.get(i).getShape().getShape();
            params.get(i).set(java.nio.FloatBuffer.wrap(c.tensor("param/" + name, shape)));
            m.add(c.tensor("adam.m/" + name, shape));
            v.add(c.tensor("adam.v/" + name, shape));
        }
        adam.restore(m, v, c.step());
        lastLoss = c.loss();
    }

    @Override
    public void close() {
        manager.close();
    }
}
