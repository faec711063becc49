package io.frugal.reproducibility.energy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frugal.core.store.Json;
import io.frugal.core.store.RunDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A run's {@code energy.json}, its only reader and writer. Written by the trainer process at the
 * end of every attempt (done or stopped), adding that attempt's energy to the earlier ones':
 *
 * <pre>{"format": 1, "source": "rapl" | "nvidia-smi+rapl" | "nvidia-smi+cpu-seconds" | "cpu-seconds",
 *  "energy_kwh": E, "co2_kg": C, "grid_g_co2_per_kwh": G, "grid_source": "...",
 *  "cpu_seconds": S, "watts_per_core": W (the stated power where cpu-seconds is used),
 *  "rapl_joules": J (null where unreadable), "gpu_joules": J (null without GPUs), "gpu_samples": K,
 *  "assumptions": "...", "attempts": [{"source", "energy_kwh", "cpu_seconds", "wall_seconds", "started_at", "ended_at"}]}</pre>
 * co2_kg = energy_kwh × grid / 1000. "source" is the last attempt's, and "mixed" where attempts differ.
 */
public final class EnergyFile {
    public static final String NAME = "energy.json";
    public static final String ENERGY_KWH = "energy_kwh";
    public static final String CO2_KG = "co2_kg";
    public static final int FORMAT = 1;

    private EnergyFile() {}

    public static Path path(RunDirectory run) {
        return run.dir().resolve(NAME);
    }

    /** The file's content; empty when there is none or it cannot be read (it is then not counted). */
    public static Optional<JsonNode> read(RunDirectory run) {
        Path p = path(run);
        if (!Files.isRegularFile(p)) return Optional.empty();
        try {
            JsonNode n = Json.read(p);
            return n != null && n.isObject() && n.path(ENERGY_KWH).isNumber() ? Optional.of(n) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Adds one attempt's reading to the file (atomically). */
    public static ObjectNode append(RunDirectory run, EnergyReading attempt, GridIntensity grid) {
        ObjectNode previous = read(run).map(n -> (ObjectNode) n.deepCopy()).orElse(null);
        ObjectNode o = Json.object();
        o.put("format", FORMAT);
        String source = attempt.source();
        if (previous != null && !previous.path("source").asText(source).equals(source)) source = "mixed";
        o.put("source", source);
        double kwh = attempt.kwh() + (previous == null ? 0 : previous.path(ENERGY_KWH).asDouble());
        o.put(ENERGY_KWH, kwh);
        o.put(CO2_KG, kwh * grid.gramsPerKwh() / 1000);
        o.put("grid_g_co2_per_kwh", grid.gramsPerKwh());
        o.put("grid_source", grid.source());
        o.put("cpu_seconds", attempt.cpuSeconds() + (previous == null ? 0 : previous.path("cpu_seconds").asDouble()));
        o.put("watts_per_core", attempt.wattsPerCore());
        putSum(o, previous, "rapl_joules", attempt.raplJoules());
        putSum(o, previous, "gpu_joules", attempt.gpuJoules());
        o.put("gpu_samples", attempt.gpuSamples() + (previous == null ? 0 : previous.path("gpu_samples").asLong()));
        o.put("assumptions", attempt.assumptions());
        var attempts = o.putArray("attempts");
        if (previous != null) previous.path("attempts").forEach(attempts::add);
        attempts.add(attempt.toJson());
        Json.writeAtomically(path(run), o);
        return o;
    }

    private static void putSum(ObjectNode o, ObjectNode previous, String key, Double now) {
        JsonNode before = previous == null ? null : previous.get(key);
        if (now == null && (before == null || before.isNull())) o.putNull(key);
        else o.put(key, (now == null ? 0 : now) + (before == null || before.isNull() ? 0 : before.asDouble()));
    }
}
