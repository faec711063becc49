package io.frugal.methods.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.frugal.methods.random.SeededRandom;
import java.util.List;

/**
 * The T per-time networks f_k(x) = c_k·x + u_k·tanh(b_k + ⟨w_k, x⟩/√d), held as four stacked
 * tensors c (T), b (T), u (T, d), w (T, d) and evaluated for all k at once on a (T, n, d) batch.
 *
 * <p>The gradient is written out by hand rather than taken from an autograd tape: it is a handful
 * of batched products, it lets every (T, n, d) temporary be freed as soon as it is used (the tape
 * would keep them all until backward), and a float64 instance of the same code is what the
 * finite-difference test checks. With R = f(X) − x1 and N = T·n·d (loss = ΣR²/N):
 * <pre>
 *   ∂c_k = (2/N) Σ_{i,j} R·X            ∂u_k = (2/N) Σ_i φ_ki R_ki          (φ = tanh(pre-activation))
 *   g_ki = (2/N) ⟨R_ki, u_k⟩ (1 − φ_ki²) ∂b_k = Σ_i g_ki    ∂w_k = Σ_i g_ki X_ki / √d
 * </pre>
 */
final class FlowNetworks implements AutoCloseable {
    final int count;
    final int dimension;
    final DataType type;
    final NDManager manager;
    final NDArray c;
    final NDArray bias;
    final NDArray u;
    final NDArray w;

    private FlowNetworks(NDManager parent, int count, int dimension, DataType type, float[][] init) {
        this.count = count;
        this.dimension = dimension;
        this.type = type;
        this.manager = parent.newSubManager();
        c = manager.create(init[0], new Shape(count)).toType(type, false);
        bias = manager.create(init[1], new Shape(count)).toType(type, false);
        u = manager.create(init[2], new Shape(count, dimension)).toType(type, false);
        w = manager.create(init[3], new Shape(count, dimension)).toType(type, false);
    }

    /** All parameters N(0, 1), each tensor from its own stream (seed, "init/NAME"). */
    static FlowNetworks initialise(NDManager parent, int count, int dimension, DataType type, long seed) {
        return new FlowNetworks(parent, count, dimension, type, new float[][] {
                normals(seed, "init/c", count), normals(seed, "init/b", count),
                normals(seed, "init/u", count * dimension), normals(seed, "init/w", count * dimension)});
    }

    static FlowNetworks of(NDManager parent, int count, int dimension, DataType type, float[] c, float[] b, float[] u, float[] w) {
        return new FlowNetworks(parent, count, dimension, type, new float[][] {c, b, u, w});
    }

    private static float[] normals(long seed, String purpose, int size) {
        SeededRandom r = SeededRandom.of(seed, purpose);
        float[] out = new float[size];
        for (int i = 0; i < size; i++) out[i] = (float) r.nextGaussian();
        return out;
    }

    /** The parameters in checkpoint order: c, b, u, w. */
    List<NDArray> parameters() {
        return List.of(c, bias, u, w);
    }

    static final List<String> NAMES = List.of("c", "b", "u", "w");

    /** Loss value and gradients (in parameter order), for one batch of noised inputs. */
    record LossAndGradient(double loss, List<NDArray> gradients) implements AutoCloseable {
        @Override
        public void close() {
            gradients.forEach(NDArray::close);
        }
    }

    /**
     * The loss over all k and points for X_k = a_k·z_k + b_k·x1 and its gradient. {@code noisy} is
     * X (T, n, d), {@code target} is x1 (n, d); {@code noisy} is consumed as scratch. The gradients
     * are moved to {@code out}; temporaries made from the parameters are freed here, those made from
     * {@code noisy} live in its manager (the caller's per-step manager) until that is closed.
     */
    LossAndGradient lossAndGradient(NDArray noisy, NDArray target, NDManager out) {
        long n = target.getShape().get(0);
        double scale = 2.0 / ((double) count * n * dimension);
        double rootD = Math.sqrt(dimension);
        {
            NDArray x = noisy;
            NDArray wCol = w.reshape(count, dimension, 1);
            NDArray pre = x.batchMatMul(wCol);                       // (T, n, 1)
            try (NDArray biasCol = bias.reshape(count, 1, 1)) {
                pre.divi(rootD).addi(biasCol);
            }
            NDArray phi = pre.tanh();
            pre.close();
            wCol.close();
            NDArray residual;
            try (NDArray cCol = c.reshape(count, 1, 1)) {
                residual = x.mul(cCol);                              // c·X
            }
            NDArray uRow = u.reshape(count, 1, dimension);
            try (NDArray outer = phi.batchMatMul(uRow)) {             // (T, n, d)
                residual.addi(outer);
            }
            residual.subi(target);
            double loss;
            try (NDArray norm = residual.norm()) {
                double r = norm.toType(DataType.FLOAT64, false).getDouble();
                loss = r * r / ((double) count * n * dimension);
            }
            long nd = n * dimension;
            NDArray gc;
            try (NDArray rFlat = residual.reshape(count, 1, nd); NDArray xFlat = x.reshape(count, nd, 1)) {
                gc = rFlat.batchMatMul(xFlat).reshape(count).muli(scale);
            }
            NDArray phiT = phi.reshape(count, 1, n);
            NDArray gu = phiT.batchMatMul(residual).reshape(count, dimension).muli(scale);
            NDArray uCol = u.reshape(count, dimension, 1);
            NDArray g = residual.batchMatMul(uCol);                 // (T, n, 1)
            residual.close();
            try (NDArray phiSq = phi.square()) {
                NDArray slope = phiSq.neg().addi(1);
                g.muli(slope).muli(scale);
                slope.close();
            }
            NDArray gb = g.sum(new int[] {1, 2});
            NDArray gT = g.reshape(count, 1, n);
            NDArray gw = gT.batchMatMul(x).reshape(count, dimension).divi(rootD);
            List<NDArray> grads = List.of(gc, gb, gu, gw);
            for (NDArray a : grads) a.attach(out);
            for (NDArray a : List.of(phi, phiT, uRow, uCol, g, gT)) a.close();
            return new LossAndGradient(loss, grads);
        }
    }

    /** The float32 values of a parameter, row-major. */
    static float[] values(NDArray a) {
        return a.toType(DataType.FLOAT32, true).toFloatArray();
    }

    @Override
    public void close() {
        manager.close();
    }
}
