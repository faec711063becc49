package io.frugal.methods.rela;

/**
 * A plain Welch interval for a difference of two means (unequal variances, Welch–Satterthwaite
 * degrees of freedom), for the ReLA table: the methods module cannot use the analysis module's
 * statistics. The t quantile is found by bisection on the t distribution function, integrated
 * with Simpson's rule (the density is smooth; 2000 panels give far more digits than a table shows).
 */
final class WelchInterval {
    record Interval(double difference, double low, double high, double df) {}

    private WelchInterval() {}

    /** The {@code level} (e.g. 0.95) interval of mean(a) − mean(b); null when either side has fewer than 2 values or both have no spread. */
    static Interval of(double[] a, double[] b, double level) {
        if (a.length < 2 || b.length < 2) return null;
        double ma = mean(a), mb = mean(b);
        double va = variance(a, ma) / a.length, vb = variance(b, mb) / b.length;
        double se = Math.sqrt(va + vb);
        if (!(se > 0)) return null;
        double df = (va + vb) * (va + vb) / (va * va / (a.length - 1) + vb * vb / (b.length - 1));
        double t = quantile(0.5 + level / 2, df);
        return new Interval(ma - mb, ma - mb - t * se, ma - mb + t * se, df);
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) s += v;
        return s / x.length;
    }

    static double variance(double[] x, double mean) {
        double s = 0;
        for (double v : x) s += (v - mean) * (v - mean);
        return s / (x.length - 1);
    }

    /** The p quantile (p > 0.5) of Student's t with {@code df} degrees of freedom. */
    static double quantile(double p, double df) {
        double lo = 0, hi = 1;
        while (cdf(hi, df) < p) hi *= 2;
        for (int i = 0; i < 100; i++) {
            double mid = (lo + hi) / 2;
            if (cdf(mid, df) < p) lo = mid;
            else hi = mid;
        }
        return (lo + hi) / 2;
    }

    static double cdf(double t, double df) {
        int panels = 2000;
        double h = t / panels;
        double c = Math.exp(logGamma((df + 1) / 2) - logGamma(df / 2)) / Math.sqrt(df * Math.PI);
        double s = density(0, df) + density(t, df);
        for (int i = 1; i < panels; i++) s += (i % 2 == 1 ? 4 : 2) * density(i * h, df);
        return 0.5 + c * s * h / 3;
    }

    private static double density(double x, double df) {
        return Math.pow(1 + x * x / df, -(df + 1) / 2);
    }

    /** Lanczos approximation (g = 7, 9 terms), relative error about 1e-15 for x > 0. */
    static double logGamma(double x) {
        double[] g = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
                12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7};
        if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
        x -= 1;
        double a = g[0];
        double t = x + 7.5;
        for (int i = 1; i < 9; i++) a += g[i] / (x + i);
        return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
    }
}
