package io.frugal.analysis.energy;

import com.fasterxml.jackson.databind.JsonNode;
import io.frugal.core.config.ConfigProblem;
import io.frugal.core.config.ConfigReader;
import io.frugal.core.store.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a run's energy.json for the report (format 1, as the trainer writes it). A damaged or
 * inconsistent file does not stop the report: it comes back as the reason it cannot be used, and
 * the run counts as done without energy.
 */
final class EnergyReader {
    static final Set<String> SOURCES = Set.of(RunEnergy.RAPL, RunEnergy.CPU_SECONDS, "nvidia-smi+" + RunEnergy.RAPL,
            "nvidia-smi+" + RunEnergy.CPU_SECONDS, RunEnergy.MIXED);
    /** co2_kg is energy_kwh × grid / 1000 as written; more than this relative difference means the file was changed. */
    static final double CO2_TOLERANCE = 1e-9;

    /** Exactly one of the two is set. */
    record Outcome(RunEnergy energy, String problem) {}

    private EnergyReader() {}

    static Outcome read(Path file) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Outcome(null, "not valid JSON: " + Json.describe(e));
        }
        if (root == null || !root.isObject()) return new Outcome(null, "must be a JSON object");
        List<ConfigProblem> problems = new ArrayList<>();
        ConfigReader r = ConfigReader.root(root, problems);
        r.integer("format", 0, true, 1, 1);
        String source = r.choice("source", null, true, SOURCES);
        double kwh = r.number("energy_kwh", 0, true, 0, false, Double.MAX_VALUE);
        double co2 = r.number("co2_kg", 0, true, 0, false, Double.MAX_VALUE);
        double grid = r.number("grid_g_co2_per_kwh", 0, true, 0, false, Double.MAX_VALUE);
        double cpu = r.number("cpu_seconds", 0, true, 0, false, Double.MAX_VALUE);
        double watts = r.number("watts_per_core", Double.NaN, false, 0, false, Double.MAX_VALUE);
        String gridSource = root.path("grid_source").isTextual() ? root.get("grid_source").textValue() : "not stated";
        String assumptions = root.path("assumptions").isTextual() ? root.get("assumptions").textValue() : "";
        if (problems.isEmpty() && Math.abs(co2 - kwh * grid / 1000) > CO2_TOLERANCE * Math.max(co2, 1e-300)) {
            r.problem("co2_kg", "is " + co2 + ", not energy_kwh × grid_g_co2_per_kwh / 1000 = " + kwh * grid / 1000);
        }
        if (!problems.isEmpty()) {
            return new Outcome(null, problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("; ")));
        }
        return new Outcome(new RunEnergy(source, kwh, co2, grid, gridSource, cpu, watts, assumptions), null);
    }
}
