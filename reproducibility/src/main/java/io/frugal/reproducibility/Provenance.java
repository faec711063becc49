package io.frugal.reproducibility;

import ai.djl.Device;
import ai.djl.engine.Engine;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frugal.core.store.Json;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What a run was computed with, written to {@code provenance.json} when it starts (and again on
 * every resume, with the attempt appended): code version, JDK, DJL and engine versions, host,
 * devices, threads, the dataset files' sha256, the seed, and the scheduler's job ids. It is what
 * lets a reader of a result ask "same code, same data, same machine kind?".
 */
public final class Provenance {
    private Provenance() {}

    public static ObjectNode capture(String runId, long seed, Map<String, String> datasetSha256, int threads) {
        ObjectNode p = Json.object();
        p.put("run_id", runId);
        p.put("seed", seed);
        p.put("started_at", Instant.now().toString());
        ObjectNode code = p.putObject("code");
        String commit = git("rev-parse", "HEAD");
        String status = git("status", "--porcelain", "--untracked-files=no");
        Boolean dirty = status == null ? null : !status.isBlank();
        String release = Provenance.class.getPackage().getImplementationVersion();
        // "version" is what reports compare across runs: the commit (marked if the tree had edits).
        code.put("version", commit != null ? commit.substring(0, Math.min(12, commit.length())) + (Boolean.TRUE.equals(dirty) ? "-dirty" : "") : release);
        code.put("commit", commit);
        code.put("dirty", dirty);
        code.put("release", release);
        ObjectNode jvm = p.putObject("jvm");
        jvm.put("java_version", System.getProperty("java.version"));
        jvm.put("java_vendor", System.getProperty("java.vendor"));
        jvm.put("vm", System.getProperty("java.vm.name"));
        jvm.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        ObjectNode engine = p.putObject("engine");
        Engine e = Engine.getInstance();
        engine.put("djl_version", Engine.getDjlVersion());
        engine.put("name", e.getEngineName());
        engine.put("version", e.getVersion());
        engine.put("gpus", e.getGpuCount());
        // the libtorch build that was loaded: its folder names the flavor (cpu, or cu124 with -Pcuda)
        if ("PyTorch".equals(e.getEngineName())) engine.put("native_library", ai.djl.pytorch.jni.LibUtils.getLibtorchPath());
        var devices = engine.putArray("devices");
        for (Device d : e.getDevices()) devices.add(d.toString());
        engine.put("threads", threads);
        ObjectNode host = p.putObject("host");
        host.put("name", hostname());
        host.put("cpus", Runtime.getRuntime().availableProcessors());
        host.put("max_heap_bytes", Runtime.getRuntime().maxMemory());
        ObjectNode data = p.putObject("dataset_sha256");
        datasetSha256.forEach(data::put);
        ObjectNode sched = p.putObject("scheduler");
        for (String k : new String[] {"SLURM_JOB_ID", "SLURM_ARRAY_JOB_ID", "SLURM_ARRAY_TASK_ID", "SLURM_RESTART_COUNT",
                "SLURM_JOB_NODELIST", "SLURM_CLUSTER_NAME", "CUDA_VISIBLE_DEVICES"}) {
            String v = System.getenv(k);
            if (v != null) sched.put(k.toLowerCase(), v);
        }
        return p;
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            String h = System.getenv("HOSTNAME");
            return h == null ? "unknown" : h;
        }
    }

    /** Runs git in the folder the code was loaded from; null if that is not a checkout or git is absent. */
    static String git(String... args) {
        try {
            Path codeDir = Path.of(Provenance.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path dir = Files.isDirectory(codeDir) ? codeDir : codeDir.getParent();
            String[] cmd = new String[args.length + 3];
            cmd[0] = "git";
            cmd[1] = "-C";
            cmd[2] = dir.toString();
            System.arraycopy(args, 0, cmd, 3, args.length);
            Process proc = new ProcessBuilder(cmd).redirectErrorStream(false).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(proc.getInputStream(), StandardCharsets.UTF_8))) {
                out = r.lines().reduce("", (a, b) -> a.isEmpty() ? b : a + "\n" + b);
            }
            if (!proc.waitFor(10, TimeUnit.SECONDS) || proc.exitValue() != 0) return null;
            return out.trim();
        } catch (Exception e) {
            return null;
        }
    }
}
