package io.frugal.methods.rela;

/**
 * Eigen-decomposition of a real symmetric matrix by the cyclic Jacobi method, in double precision.
 *
 * <p>Why Jacobi: neither DJL 0.32 nor the methods module's classpath offers a symmetric eigen-solver
 * (DJL's NDArray has no eigh; Commons Math is not a dependency of this module), and Jacobi is short
 * enough to be checked by reading, unconditionally stable, and accurate to working precision even for
 * the tiny eigenvalues whitening divides by. Its cost is about 4·m³ flops per sweep and typically 6–10
 * sweeps: 0.4 s for m = 256 on this project's 2-core machine, so seconds for a 512-dimensional prior and
 * minutes for 2048 (cubic growth); it runs once per (dataset,
 * prior), when the targets are cached.
 *
 * <p>Results are ordered by decreasing eigenvalue, and each eigenvector's sign is fixed (its entry of
 * largest magnitude is positive), so the same matrix always gives the same vectors.
 */
public final class SymmetricEigen {
    private static final int MAX_SWEEPS = 100;

    private final double[] values;
    private final double[][] vectors;

    private SymmetricEigen(double[] values, double[][] vectors) {
        this.values = values;
        this.vectors = vectors;
    }

    /** Eigenvalues, largest first. */
    public double[] values() {
        return values.clone();
    }

    /** Eigenvector i (unit length) as a row; vector i belongs to values()[i]. */
    public double[] vector(int i) {
        return vectors[i].clone();
    }

    public static SymmetricEigen of(double[][] matrix) {
        int m = matrix.length;
        double[][] a = new double[m][];
        double total = 0;
        for (int i = 0; i < m; i++) {
            if (matrix[i].length != m) throw new IllegalArgumentException("not square: row " + i + " has " + matrix[i].length + " of " + m);
            a[i] = matrix[i].clone();
            for (int j = 0; j < m; j++) {
                if (Double.isNaN(a[i][j]) || Double.isInfinite(a[i][j])) throw new IllegalArgumentException("non-finite entry at " + i + "," + j);
                if (Math.abs(a[i][j] - matrix[j][i]) > 1e-9 * (Math.abs(a[i][j]) + Math.abs(matrix[j][i])) + Double.MIN_NORMAL) {
                    throw new IllegalArgumentException("not symmetric at " + i + "," + j);
                }
                total += a[i][j] * a[i][j];
            }
        }
        // vt holds the eigenvectors as rows: V ← V·J changes columns p, q of V, i.e. rows p, q of vt
        double[][] vt = new double[m][m];
        for (int i = 0; i < m; i++) vt[i][i] = 1;
        // an off-diagonal entry this small moves no eigenvalue by more than m·1e-18 of the matrix's norm
        double negligible = 1e-18 * Math.sqrt(total);
        boolean rotated = true;
        for (int sweep = 0; rotated; sweep++) {
            if (sweep == MAX_SWEEPS) throw new IllegalStateException("Jacobi did not converge in " + MAX_SWEEPS + " sweeps");
            rotated = false;
            for (int p = 0; p < m - 1; p++) {
                for (int q = p + 1; q < m; q++) rotated |= rotate(a, vt, p, q, negligible);
            }
        }
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) order[i] = i;
        java.util.Arrays.sort(order, (x, y) -> Double.compare(a[y][y], a[x][x]));
        double[] values = new double[m];
        double[][] vectors = new double[m][];
        for (int i = 0; i < m; i++) {
            values[i] = a[order[i]][order[i]];
            vectors[i] = vt[order[i]];
            int big = 0;
            for (int j = 1; j < m; j++) if (Math.abs(vectors[i][j]) > Math.abs(vectors[i][big])) big = j;
            if (vectors[i][big] < 0) for (int j = 0; j < m; j++) vectors[i][j] = -vectors[i][j];
        }
        return new SymmetricEigen(values, vectors);
    }

    /**
     * One rotation in the (p, q) plane that zeroes a[p][q] (Golub and Van Loan's symmetric Schur step);
     * false, and the entry set to 0, when it is already negligible.
     */
    private static boolean rotate(double[][] a, double[][] vt, int p, int q, double negligible) {
        double apq = a[p][q];
        if (Math.abs(apq) <= negligible) {
            a[p][q] = 0;
            a[q][p] = 0;
            return false;
        }
        double app = a[p][p];
        double aqq = a[q][q];
        double tau = (aqq - app) / (2 * apq);
        double t = (tau >= 0 ? 1 : -1) / (Math.abs(tau) + Math.sqrt(1 + tau * tau));
        double c = 1 / Math.sqrt(1 + t * t);
        double s = t * c;
        int m = a.length;
        double[] rp = a[p];
        double[] rq = a[q];
        for (int k = 0; k < m; k++) {
            if (k == p || k == q) continue;
            double akp = rp[k];
            double akq = rq[k];
            double np = c * akp - s * akq;
            double nq = s * akp + c * akq;
            rp[k] = np;
            rq[k] = nq;
            a[k][p] = np;
            a[k][q] = nq;
        }
        rp[p] = app - t * apq;
        rq[q] = aqq + t * apq;
        rp[q] = 0;
        rq[p] = 0;
        double[] vp = vt[p];
        double[] vq = vt[q];
        for (int k = 0; k < m; k++) {
            double x = vp[k];
            double y = vq[k];
            vp[k] = c * x - s * y;
            vq[k] = s * x + c * y;
        }
        return true;
    }
}
