package io.frugal.reproducibility;

import ai.djl.Device;
import ai.djl.engine.Engine;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frugal.core.store.RunDirectory;
import io.frugal.methods.data.DatasetLocator;
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
 * What a run was computed with, written to {@code provenance.json} before training starts (and
 * again on every resume, the earlier attempts kept) and completed when it ends: code version (commit,
 * dirty tree, the diff's hash), JDK, DJL, engine and native flavour, host, CPU model and cores, GPUs
 * and driver, the dataset files (path, size, time, sha256), the manifest hash, the seed, the resolved
 * config and its hash, and the scheduler's job ids. It is what lets a reader of a result ask "same
 * code, same data, same machine kind?", and what {@code frugal verify} checks a store against.
 */
public final class Provenance {
    public static final int FORMAT = 2;

    private Provenance() {}

    /**
     * Everything known before training starts: code, JVM, engine, host, scheduler ids, the run's
     * resolved config and its hash, the plan's manifest hash, the seed. Dataset files are added by
     * {@link #withDataFiles} once the trainer has read them.
     */
    public static ObjectNode capture(RunDirectory run, JsonNode config, int threads) {
        // threads: recorded with the engine
        ObjectNode p = Json.object();
        p.put("format", FORMAT);
        p.put("run_id", run.runId());
        p.put("seed", config.path("seed").asLong());
        p.put("started_at", Instant.now().toString());
        p.putNull("ended_at");
        p.putNull("outcome");
        ObjectNode code = p.putObject("code");
        String commit = git("rev-parse", "HEAD");
        String status = git("status", "--porcelain", "--untracked-files=no");
        Boolean dirty = status == null ? null : !status.isBlank();
        String release = Provenance.class.getPackage().getImplementationVersion();
        // "version" is what reports compare across runs: the commit (marked if the tree had edits).
        code.put("version", commit != null ? commit.substring(0, Math.min(12, commit.length())) + (Boolean.TRUE.equals(dirty) ? "-dirty" : "") : release);
        code.put("commit", commit);
        code.put("dirty", dirty);
        // the edits themselves are not stored (they may be large or private); their hash tells two dirty trees apart
        String diff = Boolean.TRUE.equals(dirty) ? git("diff", "HEAD", "--no-color") : null;
        code.put("diff_sha256", diff == null ? null : Json.sha256(Json.MAPPER.getNodeFactory().textNode(diff)));
        if (Boolean.TRUE.equals(dirty)) code.put("dirty_files", status);
        code.put("release", release);
        ObjectNode jvm = p.putObject("jvm");
        jvm.put("java_version", System.getProperty("java.version"));
        jvm.put("java_vendor", System.getProperty("java.vendor"));
        jvm.put("vm", System.getProperty("java.vm.name"));
        jvm.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        p.putNull("engine"); // filled in once the trainer has loaded (and checked) the engine: see withEngine
        ObjectNode host = p.putObject("host");
        host.put("name", hostname());
        host.put("max_heap_bytes", Runtime.getRuntime().maxMemory());
        HostInfo.cpu(host, Path.of("/proc/cpuinfo"));
        HostInfo.gpus(host);
        p.putNull("dataset_files");
        p.putObject("dataset_sha256");
        ObjectNode sched = p.putObject("scheduler");
        for (String k : new String[] {"SLURM_JOB_ID", "SLURM_ARRAY_JOB_ID", "SLURM_ARRAY_TASK_ID", "SLURM_RESTART_COUNT",
                "SLURM_JOB_NODELIST", "SLURM_CLUSTER_NAME", "CUDA_VISIBLE_DEVICES"}) {
            String v = System.getenv(k);
            if (v != null) sched.put(k.toLowerCase(), v);
        }
        Path plan = run.dir().getParent() == null || run.dir().getParent().getParent() == null ? null
                : run.dir().getParent().getParent().resolve("plan.json");
        String manifestSha = null;
        if (plan != null && Files.isRegularFile(plan)) {
            try {
                manifestSha = Json.read(plan).path("manifest_sha256").asText(null);
            } catch (RuntimeException ignored) {
                // an unreadable plan is verify's to report; provenance records what it can
            }
        }
        p.put("manifest_sha256", manifestSha);
        p.put("config_sha256", Json.sha256(config));
        p.set("config", config.deepCopy());
        return p;
    }

    /**
     * Adds the files the trainer read (name → sha256, as the kind reports them) with the absolute
     * path, size and modification time of each where it can be found: an absolute name, or a name
     * relative to the run's dataset folder. The hashes go into the on-disk cache, so verify does not
     * hash the files again while they are unchanged.
     */
    public static void withDataFiles(ObjectNode p, String dataset, Map<String, String> files, DigestCache cache) {
        ObjectNode sha = p.putObject("dataset_sha256");
        files.forEach(sha::put);
        var list = p.putArray("dataset_files");
        Path dir = null;
        if (dataset != null) {
            try {
                dir = DatasetLocator.system().search(dataset).found().map(DatasetLocator.Candidate::dir).orElse(null);
            } catch (RuntimeException ignored) {
                // not a catalogued dataset (a kind's own data): names only
            }
        }
        for (Map.Entry<String, String> f : files.entrySet()) {
            ObjectNode o = list.addObject();
            o.put("name", f.getKey());
            o.put("sha256", f.getValue());
            Path path = Path.of(f.getKey()).isAbsolute() ? Path.of(f.getKey()) : dir == null ? null : dir.resolve(f.getKey());
            if (path != null && Files.isRegularFile(path)) {
                try {
                    Path abs = path.toAbsolutePath().normalize();
                    long bytes = Files.size(abs);
                    long mtime = Files.getLastModifiedTime(abs).toMillis();
                    o.put("path", abs.toString());
                    o.put("bytes", bytes);
                    o.put("mtime_ms", mtime);
                    cache.remember(new DigestCache.FileState(abs, bytes, mtime, f.getValue()));
                } catch (java.io.IOException ignored) {
                    o.putNull("path");
                }
            } else {
                o.putNull("path");
            }
        }
    }

    /**
     * The deep-learning engine's part: DJL, engine and native library (its flavour), devices,
     * threads. Kept apart from {@link #capture} because loading the engine is the trainer's job (it
     * first checks that the bundled native build fits this machine).
     */
    public static void withEngine(ObjectNode p, int threads) {
        ObjectNode engine = p.putObject("engine");
        Engine e = Engine.getInstance();
        engine.put("djl_version", Engine.getDjlVersion());
        engine.put("name", e.getEngineName());
        engine.put("version", e.getVersion());
        engine.put("gpus", e.getGpuCount());
        // the libtorch build that was loaded: its folder names the flavor (cpu, or cu124 with -Pcuda)
        if ("PyTorch".equals(e.getEngineName())) {
            String lib = ai.djl.pytorch.jni.LibUtils.getLibtorchPath();
            engine.put("native_library", lib);
            engine.put("native_flavor", flavor(lib));
        }
        var devices = engine.putArray("devices");
        for (Device d : e.getDevices()) devices.add(d.toString());
        engine.put("threads", threads);
    }

    /** "cpu", "cu124", ...: the libtorch folder's flavour suffix (e.g. .../2.5.1-cpu-linux-x86_64). */
    static String flavor(String libtorchPath) {
        if (libtorchPath == null) return null;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("[0-9.]+-(cpu|cu[0-9]+)").matcher(libtorchPath);
        return m.find() ? m.group(1) : null;
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
