package io.frugal.harness.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The facts about this machine that a benchmark figure means nothing without. */
public final class MachineInfo {
    private MachineInfo() {}

    static String cpu() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) return line.substring(line.indexOf(':') + 1).strip();
            }
        } catch (IOException e) {
            // not Linux: fall through
        }
        return System.getProperty("os.arch");
    }

    static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** The 1-, 5- and 15-minute load averages: how busy other processes kept the cores. */
    public static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).strip().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return String.format(Locale.ROOT, "%.2f", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    static String summary() {
        return cpu() + ", " + cores() + " cores, Java " + System.getProperty("java.version") + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.version");
    }

    /** The allocator and OpenMP settings libtorch's speed depends on (the launcher and executor set them). */
    static String nativeSettings() {
        StringBuilder b = new StringBuilder();
        for (String name : PythonPeer.PRODUCT_TUNING) {
            if (b.length() > 0) b.append(", ");
            String v = System.getenv(name);
            b.append(name).append('=').append(v == null ? "(unset: default)" : v);
        }
        return b.toString();
    }
}
