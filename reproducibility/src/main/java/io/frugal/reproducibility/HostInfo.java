package io.frugal.reproducibility;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frugal.reproducibility.energy.EnergyMeter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The machine a run ran on: CPU model and cores (from /proc/cpuinfo), GPUs and driver (from nvidia-smi). */
final class HostInfo {
    private HostInfo() {}

    static void cpu(ObjectNode host, Path cpuinfo) {
        host.put("cpus", Runtime.getRuntime().availableProcessors());
        try {
            List<String> lines = Files.readAllLines(cpuinfo);
            String model = lines.stream().filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElse(null);
            long logical = lines.stream().filter(l -> l.startsWith("processor")).count();
            host.put("cpu_model", model);
            host.put("logical_cores", logical);
        } catch (IOException e) {
            host.putNull("cpu_model");
        }
    }

    /** GPU name, driver and memory per visible GPU; nothing where nvidia-smi is absent. */
    static void gpus(ObjectNode host) {
        String smi = EnergyMeterAccess.nvidiaSmi();
        if (smi == null) return;
        List<String> lines = EnergyMeter.run(smi, "--query-gpu=name,driver_version,memory.total", "--format=csv,noheader");
        if (lines == null) return;
        var arr = host.putArray("gpus");
        for (String l : lines) {
            String[] f = l.split(",\\s*");
            var g = arr.addObject();
            g.put("name", f[0].trim());
            if (f.length > 1) g.put("driver", f[1].trim());
            if (f.length > 2) g.put("memory", f[2].trim());
        }
    }

    /** nvidia-smi on PATH, as the energy meter finds it. */
    static final class EnergyMeterAccess {
        static String nvidiaSmi() {
            String path = System.getenv("PATH");
            if (path == null) return null;
            for (String dir : path.split(java.io.File.pathSeparator)) {
                Path p = Path.of(dir, "nvidia-smi");
                if (Files.isExecutable(p)) return p.toString();
            }
            return null;
        }
    }
}
