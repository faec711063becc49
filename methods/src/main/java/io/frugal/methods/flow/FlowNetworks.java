package io.frugal.methods.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.frugal.core.random.SeededRandom;
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

    /** The noised inputs X_k = a_k·z_k + b_k·x1 of networks [from, to), shape (to − from, n, d), in {@code scope}. */
    @FunctionalInterface
    interface Inputs {
        NDArray block(NDManager scope, int from, int to);
    }

    /**
     * Largest block of networks processed at once: 2²¹ floats (8 MiB). glibc serves larger
     * allocations with fresh mmap'ed pages every time (its mmap threshold cannot be raised above
     * 32 MiB), and on this project's machines first-touch page faults made a (T, n, d) temporary
     * at the paper's shape cost over a second per allocation (BENCHMARKS-style probe: c·X 1.25 s
     * fresh, 28 ms in reused memory). Blocks this size are reused from the heap.
     */
    static final long BLOCK_FLOATS = 1L << 21;
    /** {@link #BLOCK_FLOATS}, lowered only by tests that need several blocks at tiny shapes. */
    static volatile long blockFloats = BLOCK_FLOATS;

    /** Networks per block for n points in dimension d: part of the numbers' definition, as noise is keyed by block. */
    static int blockSize(int count, long n, int dimension) {
        return (int) Math.max(1, Math.min(count, blockFloats / (n * dimension)));
    }

    /**
     * The loss over all k and points and its gradient, computed block by block of networks
     * (batched (K, n, d) tensors within a block). The gradients are created in {@code out};
     * everything else is freed block by block.
     */
    LossAndGradient lossAndGradient(Inputs inputs, NDArray target, NDManager out) {
        long n = target.getShape().get(0);
        double scale = 2.0 / ((double) count * n * dimension);
        int block = blockSize(count, n, dimension);
        double sumSquares = 0;
        List<NDArray> gc = new java.util.ArrayList<>();
        List<NDArray> gb = new java.util.ArrayList<>();
        List<NDArray> gu = new java.util.ArrayList<>();
        List<NDArray> gw = new java.util.ArrayList<>();
        try (NDManager parts = out.newSubManager()) {
            for (int from = 0; from < count; from += block) {
                int to = Math.min(count, from + block);
                try (NDManager scope = manager.newSubManager()) {
                    NDArray x = inputs.block(scope, from, to);
                    NDArray[] g = blockGradient(x, target, from, to, scale, scope);
                    sumSquares += g[4].toType(DataType.FLOAT64, false).getDouble();
                    for (int i = 0; i < 4; i++) g[i].attach(parts);
                    gc.add(g[0]);
                    gb.add(g[1]);
                    gu.add(g[2]);
                    gw.add(g[3]);
                }
            }
            List<NDArray> grads = List.of(concat(gc), concat(gb), concat(gu), concat(gw));
            for (NDArray a : grads) a.attach(out);
            return new LossAndGradient(sumSquares / ((double) count * n * dimension), grads);
        }
    }

    private static NDArray concat(List<NDArray> parts) {
        return parts.size() == 1 ? parts.get(0).duplicate() : NDArrays.concat(new NDList(parts), 0);
    }

    /** {∂c, ∂b, ∂u, ∂w, ΣR²} of networks [from, to) on their inputs x (K, n, d); all in {@code scope}. */
    private NDArray[] blockGradient(NDArray x, NDArray target, int from, int to, double scale, NDManager scope) {
        int k = to - from;
        long n = target.getShape().get(0);
        double rootD = Math.sqrt(dimension);
        NDIndex rows = new NDIndex(from + ":" + to);
        NDArray cBlock = scoped(c.get(rows), scope).reshape(k, 1, 1);
        NDArray bBlock = scoped(bias.get(rows), scope).reshape(k, 1, 1);
        NDArray uBlock = scoped(u.get(rows), scope);
        NDArray wBlock = scoped(w.get(rows), scope);
        NDArray pre = x.batchMatMul(wBlock.reshape(k, dimension, 1));        // (K, n, 1)
        pre.divi(rootD).addi(bBlock);
        NDArray phi = pre.tanh();
        NDArray residual = x.mul(cBlock);                                    // c·X
        residual.addi(phi.batchMatMul(uBlock.reshape(k, 1, dimension)));     // + φ u (rank one per network)
        residual.subi(target);
        NDArray norm = residual.norm();
        NDArray sumSquares = norm.mul(norm);
        long nd = n * dimension;
        NDArray gc = residual.reshape(k, 1, nd).batchMatMul(x.reshape(k, nd, 1)).reshape(k).muli(scale);
        NDArray gu = phi.reshape(k, 1, n).batchMatMul(residual).reshape(k, dimension).muli(scale);
        NDArray g = residual.batchMatMul(uBlock.reshape(k, dimension, 1));   // (K, n, 1)
        g.muli(phi.square().neg().addi(1)).muli(scale);
        NDArray gb = g.sum(new int[] {1, 2});
        NDArray gw = g.reshape(k, 1, n).batchMatMul(x).reshape(k, dimension).divi(rootD);
        return new NDArray[] {gc, gb, gu, gw, sumSquares};
    }

    /** Moves a result made from a parameter (and so created in the parameters' manager) into {@code scope}. */
    private static NDArray scoped(NDArray a, NDManager scope) {
        a.attach(scope);
        return a;
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
