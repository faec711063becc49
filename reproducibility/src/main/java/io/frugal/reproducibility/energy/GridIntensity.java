package io.frugal.reproducibility.energy;

/**
 * The carbon intensity CO2 is computed with, and where the number came from: FRUGAL_GRID_G_PER_KWH
 * when set (a user's own grid), else a stated default.
 */
public record GridIntensity(double gramsPerKwh, String source) {
    public static final String ENV = "FRUGAL_GRID_G_PER_KWH";
    /** A round stated figure, of the order of the world-average electricity mix; not any grid's measurement. */
    public static final double DEFAULT = 400;

    public static GridIntensity fromEnvironment(java.util.function.Function<String, String> env) {
        String v = env.apply(ENV);
        if (v != null) {
            try {
                double g = Double.parseDouble(v.trim());
                if (g >= 0 && Double.isFinite(g)) return new GridIntensity(g, ENV + "=" + v.trim());
            } catch (NumberFormatException ignored) {
                // fall through to the stated default, which the file then names
            }
        }
        return new GridIntensity(DEFAULT, "stated default " + (int) DEFAULT + " g CO2/kWh (set " + ENV + " for your grid)");
    }
}
