package io.frugal.harness.exec;

import io.frugal.methods.data.DatasetLocator;
import io.frugal.core.store.RunDirectory;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts {@code frugal train --run-dir DIR} as a child JVM, the same way a SLURM task would run it:
 * one run per process, so a crash or a native-memory problem in one run cannot take the others
 * down, and every run starts from a clean engine state. Output goes to the run's log.txt.
 */
public final class TrainerProcess {
    /**
     * Native runtime settings that libtorch trains much faster with (BENCHMARKS.md, changes 1 and 7),
     * the same the launcher exports. glibc malloc keeps freed buffers instead of returning them to
     * the kernel each step. OpenMP workers spin only briefly (1000 spins, microseconds) before they
     * sleep: long enough to catch the next parallel region of a step on free cores (sleeping at
     * once, OMP_WAIT_POLICY=PASSIVE, cost 10-15 % on an idle machine), short enough not to take
     * the CPU from the thread with work when other processes share the cores (libgomp's default
     * 300 000 spins made steps 2-3x slower then).
     */
    public static final Map<String, String> NATIVE_ENV = Map.of(
            "MALLOC_MMAP_THRESHOLD_", "4294967296",
            "MALLOC_TRIM_THRESHOLD_", "4294967296",
            "GOMP_SPINCOUNT", "1000");

    /** Every variable the native settings involve: those set here, and OMP_WAIT_POLICY, a user's own choice that replaces the spin count. */
    public static final List<String> NATIVE_VARIABLES = List.of("GOMP_SPINCOUNT", "MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_", "OMP_WAIT_POLICY");

    /** Adds the native settings to a child's environment; values already there (the user's) win. */
    public static void applyNativeEnv(Map<String, String> env) {
        NATIVE_ENV.forEach((name, value) -> {
            // a user's OMP_WAIT_POLICY sets its own spin count (ACTIVE: minutes, PASSIVE: none)
            String policy = env.get("OMP_WAIT_POLICY");
            if (name.equals("GOMP_SPINCOUNT") && policy != null && !policy.isBlank()) return;
            env.putIfAbsent(name, value);
        });
    }

    private TrainerProcess() {}

    /**
     * Starts the trainer of a planned run with exactly the compute threads its config names (part
     * of its id: another count would give other numbers), however many cores this machine has.
     */
    public static Process start(RunDirectory run, boolean watchParent) throws IOException {
        int threads = io.frugal.core.kind.CommonConfig.threads(io.frugal.core.store.Json.read(run.config()));
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions(run));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("io.frugal.harness.cli.Main");
        cmd.add("train");
        cmd.add("--run-dir");
        cmd.add(run.dir().toAbsolutePath().toString());
        cmd.add("--threads");
        cmd.add(Integer.toString(threads));
        if (watchParent) cmd.add("--watch-parent");
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        applyNativeEnv(env);
        env.put("OMP_NUM_THREADS", Integer.toString(threads));
        Files.createDirectories(run.dir());
        File log = run.log().toFile();
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log));
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        return pb.start();
    }

    /**
     * The trainer JVM's options: those it shares with this process, and a heap cap its kind
     * estimates for the run ({@link TrainerHeap}) unless this process was given one (FRUGAL_JAVA_OPTS=-Xmx…).
     */
    public static List<String> jvmOptions(RunDirectory run) {
        List<String> out = inheritedJvmOptions();
        if (out.stream().noneMatch(o -> o.startsWith("-Xmx"))) out.addAll(TrainerHeap.options(run));
        return out;
    }

    /** JVM options the child shares with this process: heap limits, temp dir, frugal.* properties. */
    public static List<String> inheritedJvmOptions() {
        List<String> out = new ArrayList<>();
        for (String arg : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("-Xmx") || arg.startsWith("-Xms") || arg.startsWith("-Djava.io.tmpdir")) {
                out.add(arg);
            }
        }
        // frugal.* settings (e.g. frugal.data, the dataset search path) as they are now, including
        // ones set in code rather than on the command line.
        for (String key : new java.util.TreeSet<>(System.getProperties().stringPropertyNames())) {
            if (key.startsWith("frugal.")) out.add("-D" + key + "=" + System.getProperty(key));
        }
        return out;
    }
}
