package io.frugal.analysis.energy;

import java.util.Locale;

/**
 * What a done run's energy.json says (the trainer process writes it at the end of every attempt,
 * summing the attempts): the energy in kWh, the CO2 in kg, where the energy figure came from and
 * the stated numbers it rests on. {@code wattsPerCore} is the stated power per core (used only
 * where the source counts CPU seconds); {@code assumptions} the file's own sentence about them.
 *
 * @param source {@code rapl}, {@code cpu-seconds}, {@code nvidia-smi+rapl}, {@code nvidia-smi+cpu-seconds},
 *               or {@code mixed} where the attempts of the run were measured differently
 */
public record RunEnergy(String source, double kwh, double co2Kg, double gridGramsPerKwh, String gridSource, double cpuSeconds,
        double wattsPerCore, String assumptions) {
    public static final String RAPL = "rapl";
    public static final String CPU_SECONDS = "cpu-seconds";
    public static final String MIXED = "mixed";

    public double wattHours() {
        return kwh * 1000;
    }

    public double co2Grams() {
        return co2Kg * 1000;
    }

    /** True where part of the figure is CPU seconds × the stated power per core. */
    public boolean usesStatedPower() {
        return source.endsWith(CPU_SECONDS) || source.equals(MIXED);
    }

    /** The source in words, as the reports name it. */
    public static String describe(String source) {
        return switch (source) {
            case RAPL -> "RAPL counters";
            case CPU_SECONDS -> "CPU seconds × W per core";
            case "nvidia-smi+" + RAPL -> "nvidia-smi + RAPL counters";
            case "nvidia-smi+" + CPU_SECONDS -> "nvidia-smi + CPU seconds × W per core";
            case MIXED -> "mixed (the run's attempts were measured differently)";
            default -> source.toLowerCase(Locale.ROOT);
        };
    }
}
