package io.frugal.reproducibility.energy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frugal.core.store.Json;

/**
 * The energy of one attempt of a run. {@code kwh} is from the best source the machine had: RAPL
 * package counters (CPU) plus nvidia-smi power samples (GPU) where readable, else the process's CPU
 * seconds × a stated power per core (plus the GPU's samples where there are some).
 */
public record EnergyReading(String source, double kwh, double cpuSeconds, double wattsPerCore, Double raplJoules,
        Double gpuJoules, long gpuSamples, double wallSeconds, String startedAt, String endedAt, String assumptions) {
    ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("source", source);
        o.put(EnergyFile.ENERGY_KWH, kwh);
        o.put("cpu_seconds", cpuSeconds);
        o.put("wall_seconds", wallSeconds);
        if (raplJoules == null) o.putNull("rapl_joules"); else o.put("rapl_joules", raplJoules);
        if (gpuJoules == null) o.putNull("gpu_joules"); else o.put("gpu_joules", gpuJoules);
        o.put("started_at", startedAt);
        o.put("ended_at", endedAt);
        return o;
    }
}
