package io.frugal.reproducibility.energy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Meters one attempt of a run, from {@link #start} to {@link #stop}:
 * <ul>
 *   <li>RAPL: the top-level package zones under /sys/class/powercap (intel-rapl:N, also AMD's
 *       through the same driver), energy_uj read at both ends, wrap-around by max_energy_range_uj.
 *       It is the whole package's energy, so runs sharing a machine each count the others too.
 *   <li>GPU: {@code nvidia-smi --query-gpu=power.draw} every second, integrated over time, where
 *       nvidia-smi exists and lists a GPU.
 *   <li>otherwise CPU: the process's CPU seconds × a stated power per core (FRUGAL_WATTS_PER_CORE,
 *       default {@value #DEFAULT_WATTS_PER_CORE} W).
 * </ul>
 */
public final class EnergyMeter {
    public static final String WATTS_ENV = "FRUGAL_WATTS_PER_CORE";
    public static final double DEFAULT_WATTS_PER_CORE = 10;
    private static final double JOULES_PER_KWH = 3.6e6;

    private final Path powercap;
    private final double wattsPerCore;
    private final String nvidiaSmi;
    private final List<Path> zones;
    private long[] raplStart;
    private long cpuStartNanos;
    private long wallStartNanos;
    private Instant startedAt;
    private Thread gpuSampler;
    private volatile boolean sampling;
    private final AtomicLong gpuMilliJoules = new AtomicLong();
    private final AtomicLong gpuSamples = new AtomicLong();

    public EnergyMeter(Path powercap, double wattsPerCore, String nvidiaSmi) {
        this.powercap = powercap;
        this.wattsPerCore = wattsPerCore;
        this.nvidiaSmi = nvidiaSmi;
        this.zones = packageZones(powercap);
    }

    /** The machine's own: /sys/class/powercap, nvidia-smi on PATH, FRUGAL_WATTS_PER_CORE. */
    public static EnergyMeter system() {
        double w = DEFAULT_WATTS_PER_CORE;
        String v = System.getenv(WATTS_ENV);
        if (v != null) {
            try {
                double parsed = Double.parseDouble(v.trim());
                if (parsed > 0 && Double.isFinite(parsed)) w = parsed;
            } catch (NumberFormatException ignored) {
                // the stated default stays, and energy.json says which was used
            }
        }
        return new EnergyMeter(Path.of("/sys/class/powercap"), w, onPath("nvidia-smi"));
    }

    public void start() {
        startedAt = Instant.now();
        wallStartNanos = System.nanoTime();
        cpuStartNanos = processCpuNanos();
        raplStart = readRapl();
        if (nvidiaSmi != null && gpuPower() != null) {
            sampling = true;
            gpuSampler = new Thread(this::sampleGpu, "energy-gpu-sampler");
            gpuSampler.setDaemon(true);
            gpuSampler.start();
        }
    }

    public EnergyReading stop() {
        sampling = false;
        if (gpuSampler != null) {
            gpuSampler.interrupt();
            try {
                gpuSampler.join(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        double wall = (System.nanoTime() - wallStartNanos) / 1e9;
        double cpu = (processCpuNanos() - cpuStartNanos) / 1e9;
        long[] raplEnd = readRapl();
        Double raplJ = null;
        if (raplStart != null && raplEnd != null) {
            double j = 0;
            for (int i = 0; i < zones.size(); i++) {
                long delta = raplEnd[i] - raplStart[i];
                if (delta < 0) delta += maxRange(zones.get(i));
                j += delta / 1e6;
            }
            raplJ = j;
        }
        Double gpuJ = gpuSamples.get() > 0 ? gpuMilliJoules.get() / 1000.0 : null;
        double cpuJ = raplJ != null ? raplJ : cpu * wattsPerCore;
        String cpuSource = raplJ != null ? "rapl" : "cpu-seconds";
        String source = gpuJ != null ? "nvidia-smi+" + cpuSource : cpuSource;
        String assumptions = (raplJ != null ? "RAPL package energy of the whole machine over the attempt (other processes included)"
                : "CPU seconds of the trainer process x " + wattsPerCore + " W per core (stated; " + WATTS_ENV + " sets it)")
                + (gpuJ != null ? "; GPU: nvidia-smi power.draw sampled every second, integrated" : "");
        double kwh = (cpuJ + (gpuJ == null ? 0 : gpuJ)) / JOULES_PER_KWH;
        return new EnergyReading(source, kwh, cpu, wattsPerCore, raplJ, gpuJ, gpuSamples.get(), wall, startedAt.toString(),
                Instant.now().toString(), assumptions);
    }

    /** The package zones intel-rapl:N (not their sub-zones intel-rapl:N:M, which the package already counts). */
    static List<Path> packageZones(Path powercap) {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(powercap)) return out;
        try (Stream<Path> s = Files.list(powercap)) {
            s.filter(p -> p.getFileName().toString().matches("intel-rapl:[0-9]+"))
                    .filter(p -> Files.isReadable(p.resolve("energy_uj"))).sorted().forEach(out::add);
        } catch (IOException e) {
            return List.of();
        }
        return out;
    }

    private long[] readRapl() {
        if (zones.isEmpty()) return null;
        long[] v = new long[zones.size()];
        for (int i = 0; i < v.length; i++) {
            try {
                v[i] = Long.parseLong(Files.readString(zones.get(i).resolve("energy_uj")).trim());
            } catch (IOException | NumberFormatException e) {
                return null; // unreadable (since kernel 5.10 often root-only): fall back to CPU seconds
            }
        }
        return v;
    }

    private static long maxRange(Path zone) {
        try {
            return Long.parseLong(Files.readString(zone.resolve("max_energy_range_uj")).trim());
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    private void sampleGpu() {
        long last = System.nanoTime();
        while (sampling) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                // stop() interrupts: take the last sample for the partial second, then end
            }
            Double watts = gpuPower();
            long now = System.nanoTime();
            if (watts != null) {
                gpuMilliJoules.addAndGet(Math.round(watts * (now - last) / 1e6));
                gpuSamples.incrementAndGet();
            }
            last = now;
        }
    }

    /** Summed power draw of the visible GPUs in watts, or null when nvidia-smi gives none. */
    Double gpuPower() {
        List<String> lines = run(nvidiaSmi, "--query-gpu=power.draw", "--format=csv,noheader,nounits");
        if (lines == null || lines.isEmpty()) return null;
        double sum = 0;
        for (String l : lines) {
            try {
                sum += Double.parseDouble(l.trim());
            } catch (NumberFormatException e) {
                return null; // "[N/A]" on GPUs that do not report power
            }
        }
        return sum;
    }

    private static long processCpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) return sun.getProcessCpuTime();
        return 0;
    }

    static String onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) return null;
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) return p.toString();
        }
        return null;
    }

    /** A command's output lines, or null when it cannot run or fails within 10 s. */
    public static List<String> run(String... cmd) {
        if (cmd[0] == null) return null;
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            List<String> out;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                out = r.lines().filter(l -> !l.isBlank()).toList();
            }
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
