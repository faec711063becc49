package io.frugal.harness.slurm;

import com.fasterxml.jackson.databind.JsonNode;
import io.frugal.core.kind.CommonConfig;
import io.frugal.harness.exec.TrainerHeap;
import io.frugal.harness.exec.TrainerProcess;
import io.frugal.core.BadInputException;
import io.frugal.methods.data.DatasetLocator;
import io.frugal.core.store.AtomicFiles;
import io.frugal.core.store.RunStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Renders and submits planned runs to SLURM: runs asking for the same resources share job arrays,
 * chunked to the cluster's MaxArraySize (which caps the task index, so every chunk counts from 0
 * and reads the run list from its own offset), with the profile's throttle ({@code %P}); runs that
 * need other runs of the submission go into later stages, each array {@code --dependency=afterok}
 * on the arrays holding what its runs need; then one report job that waits for all of them
 * ({@code --dependency=afterany}).
 *
 * <p>No half-submitted state: the submission record is written (atomically) only when every sbatch
 * call of it succeeded. If one call fails, the jobs it already submitted are cancelled and nothing
 * is recorded, so submitting again cannot duplicate anything; a task that had already started
 * gets SIGTERM, saves its checkpoint and the next submission continues from it. (Submitting held
 * and releasing later would be neater, but sbatch skips its checks of held jobs: a job that can
 * never run would be accepted.)
 */
public final class SlurmSubmitter {
    public enum Mode { SUBMIT, DRY_RUN, VALIDATE }

    /** What was rendered (and, unless a dry run, submitted). */
    public record Outcome(Mode mode, Path dir, List<Path> scripts, int runs, int arrays, Submission submission) {}

    static final int DEFAULT_MAX_ARRAY_SIZE = 1001;
    private static final Pattern JOB_ID = Pattern.compile("[0-9]+");
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

    private final RunStore store;
    private final ClusterProfile profile;
    private final Path profileFile;
    private final SlurmCommands slurm;
    private final JobTemplates templates;
    private final Map<String, java.util.OptionalLong> heapByKindAndDataset = new java.util.HashMap<>();

    public SlurmSubmitter(RunStore store, ClusterProfile profile, Path profileFile, SlurmCommands slurm, JobTemplates templates) {
        this.store = store;
        this.profile = profile;
        this.profileFile = profileFile;
        this.slurm = slurm;
        this.templates = templates;
    }

    /** Renders (and in SUBMIT mode submits) the runs {@code configs} names, id → config.json, in plan order. */
    public Outcome submit(Map<String, JsonNode> configs, Mode mode, PrintWriterLike out) {
        Path root = store.root().toAbsolutePath().normalize();
        if (root.toString().contains("\n")) throw new BadInputException("output folder " + root + ": a line break in its path cannot be used in a run list");
        Map<String, Integer> stage = stages(configs);
        // one array (or chunks of one) per stage and resource request; earlier stages first
        Map<Stage, List<String>> groups = new java.util.TreeMap<>();
        Map<ResourceRequest, Integer> requestOrder = new LinkedHashMap<>();
        for (var e : configs.entrySet()) {
            ResourceRequest request = ResourceRequest.of(e.getValue(), profile, e.getKey());
            int order = requestOrder.computeIfAbsent(request, k -> requestOrder.size());
            groups.computeIfAbsent(new Stage(stage.get(e.getKey()), order, request), k -> new ArrayList<>()).add(e.getKey());
        }
        if (configs.isEmpty()) throw new IllegalArgumentException("no runs to submit");
        int maxArray = maxArraySize(mode, out);
        LocalDateTime now = LocalDateTime.now(ZoneId.systemDefault()).truncatedTo(ChronoUnit.SECONDS);
        String id = mode == Mode.SUBMIT ? now.format(ID_TIME) + "-" + String.format(Locale.ROOT, "%04x", ThreadLocalRandom.current().nextInt(0x10000))
                : mode.name().toLowerCase(Locale.ROOT).replace('_', '-');
        Path dir = store.slurmDir().resolve(id).toAbsolutePath();
        String tag = "frugal-" + id;
        try {
            if (mode != Mode.SUBMIT) deleteTree(dir); // a dry run or validation replaces the previous one
            Files.createDirectories(dir.resolve("logs")); // before sbatch: a missing log folder fails silently
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        // one run list for the whole submission; chunk k trains lines offset+1 .. offset+n
        List<String> ordered = new ArrayList<>();
        List<Chunk> chunks = new ArrayList<>();
        Map<String, Integer> chunkOfRun = new java.util.HashMap<>();
        for (var g : groups.entrySet()) {
            for (int from = 0; from < g.getValue().size(); from += maxArray) {
                List<String> part = g.getValue().subList(from, Math.min(g.getValue().size(), from + maxArray));
                java.util.TreeSet<Integer> after = new java.util.TreeSet<>();
                for (String r : part) {
                    configs.get(r).path(CommonConfig.INPUTS).forEach(in -> {
                        Integer c = chunkOfRun.get(in.asText());
                        if (c != null) after.add(c);
                    });
                }
                for (String r : part) chunkOfRun.put(r, chunks.size());
                chunks.add(new Chunk(chunks.size(), g.getKey().request(), ordered.size(), List.copyOf(part), List.copyOf(after)));
                ordered.addAll(part);
            }
        }
        Path runList = dir.resolve("runs.txt");
        StringBuilder lines = new StringBuilder();
        for (String r : ordered) lines.append(store.run(r).dir().toAbsolutePath().normalize()).append('\n');
        AtomicFiles.writeString(runList, lines.toString());

        List<Path> scripts = new ArrayList<>();
        for (Chunk c : chunks) {
            Path script = dir.resolve("array-" + c.index() + ".sbatch");
            AtomicFiles.writeString(script, renderArray(c, tag, runList, configs));
            scripts.add(script);
        }
        Path report = dir.resolve("report.sbatch");
        AtomicFiles.writeString(report, renderReport(tag + "-report"));
        scripts.add(report);
        for (Chunk c : chunks) {
            if (c.after().isEmpty()) continue;
            out.println("frugal: " + scripts.get(c.index()).getFileName() + " (" + c.runs().size() + " runs) will be submitted with --dependency=afterok on "
                    + String.join(", ", c.after().stream().map(i -> scripts.get(i).getFileName().toString()).toList()));
        }
        if (mode == Mode.DRY_RUN) return new Outcome(mode, dir, scripts, ordered.size(), chunks.size(), null);
        if (mode == Mode.VALIDATE) {
            for (Path s : scripts) {
                List<String> args = new ArrayList<>(logOptions(dir, s.equals(report)));
                args.add("--test-only");
                args.add(s.toString());
                SlurmCommands.Result r = slurm.run(SlurmCommands.command("sbatch", args));
                if (!r.ok()) throw refusal(r, s);
                out.println("valid: " + s.getFileName() + ": " + r.message());
            }
            return new Outcome(mode, dir, scripts, ordered.size(), chunks.size(), null);
        }
        return submitAll(chunks, scripts, report, dir, id, tag, now, out, ordered.size());
    }

    /**
     * One array of a submission: its runs, and the chunks whose runs they need ({@code after}):
     * it is submitted with {@code --dependency=afterok} on those, so it starts only when all of
     * them succeeded, and SLURM cancels it when one fails ({@code --kill-on-invalid-dep=yes}).
     */
    private record Chunk(int index, ResourceRequest request, int offset, List<String> runs, List<Integer> after) {}

    /** Arrays are ordered by stage, then by the first appearance of their resource request. */
    private record Stage(int level, int requestOrder, ResourceRequest request) implements Comparable<Stage> {
        @Override
        public int compareTo(Stage o) {
            return level != o.level ? Integer.compare(level, o.level) : Integer.compare(requestOrder, o.requestOrder);
        }
    }

    /**
     * Each run's stage: 0 for a run that needs no run of this submission, else one more than the
     * latest stage among the runs it needs (inputs outside the submission are done already).
     */
    static Map<String, Integer> stages(Map<String, JsonNode> configs) {
        Map<String, Integer> out = new java.util.HashMap<>();
        for (String id : configs.keySet()) stage(id, configs, out, 0);
        return out;
    }

    private static int stage(String id, Map<String, JsonNode> configs, Map<String, Integer> out, int depth) {
        Integer known = out.get(id);
        if (known != null) return known;
        if (depth > configs.size()) throw new IllegalStateException("the runs' inputs form a cycle at " + id);
        int level = 0;
        for (JsonNode in : configs.get(id).path(CommonConfig.INPUTS)) {
            if (configs.containsKey(in.asText())) level = Math.max(level, 1 + stage(in.asText(), configs, out, depth + 1));
        }
        out.put(id, level);
        return level;
    }

    /** Where submit writes its messages (a PrintWriter in the CLI). */
    public interface PrintWriterLike {
        void println(String line);
    }

    private Outcome submitAll(List<Chunk> chunks, List<Path> scripts, Path report, Path dir, String id, String tag,
                               LocalDateTime now, PrintWriterLike out, int runs) {
        List<String> submitted = new ArrayList<>();
        List<Submission.Array> arrays = new ArrayList<>();
        try {
            List<String> chunkJobs = new ArrayList<>();
            for (Chunk c : chunks) {
                Path script = scripts.get(c.index());
                List<String> options = new ArrayList<>(logOptions(dir, false));
                if (!c.after().isEmpty()) {
                    options.add("--dependency=afterok:" + String.join(":", c.after().stream().map(chunkJobs::get).toList()));
                    options.add("--kill-on-invalid-dep=yes");
                }
                String jobId = sbatch(script, options, submitted);
                chunkJobs.add(jobId);
                List<String> after = c.after().stream().map(chunkJobs::get).toList();
                arrays.add(new Submission.Array(jobId, script.toString(), c.offset(), c.runs(), after));
                if (!after.isEmpty()) out.println("frugal: array " + jobId + " (" + script.getFileName() + ") starts after " + String.join(", ", after) + " succeed (afterok)");
            }
            List<String> reportArgs = new ArrayList<>(logOptions(dir, true));
            reportArgs.add("--dependency=afterany:" + String.join(":", submitted));
            String reportId = sbatch(report, reportArgs, submitted);
            Submission s = new Submission(id, tag, Instant.now().toString(), now.toString(), profileFile.toAbsolutePath().toString(),
                    dir, arrays, reportId);
            s.write();
            return new Outcome(Mode.SUBMIT, dir, scripts, runs, chunks.size(), s);
        } catch (RuntimeException e) {
            if (!submitted.isEmpty()) {
                SlurmCommands.Result c = slurm.run(SlurmCommands.command("scancel", List.of(String.join(",", submitted))));
                String what = c.ok() ? "the " + submitted.size() + " job(s) already submitted were cancelled"
                        : "cancelling the jobs already submitted, " + String.join(",", submitted) + " failed too (" + c.message() + "); cancel them by hand";
                throw e instanceof BadInputException ? new BadInputException(e.getMessage() + "; " + what + ", nothing was recorded")
                        : new SlurmException(e.getMessage() + "; " + what + ", nothing was recorded");
            }
            throw e;
        }
    }

    /** sbatch --parsable: the answer must be a job id ("123" or "123;cluster"). */
    private String sbatch(Path script, List<String> options, List<String> submitted) {
        List<String> args = new ArrayList<>(List.of("--parsable"));
        args.addAll(options);
        args.add(script.toString());
        SlurmCommands.Result r = slurm.run(SlurmCommands.command("sbatch", args));
        if (!r.ok()) throw refusal(r, script);
        String answer = r.stdout().strip();
        int semi = answer.indexOf(';');
        String jobId = semi < 0 ? answer : answer.substring(0, semi);
        if (!JOB_ID.matcher(jobId).matches()) {
            throw new SlurmException("sbatch " + script + " answered '" + answer + "' instead of a job id");
        }
        submitted.add(jobId);
        return jobId;
    }

    /** An unreachable or overloaded controller is an outage (exit 1); any other refusal is about what we asked (exit 2). */
    private static RuntimeException refusal(SlurmCommands.Result r, Path script) {
        String m = "sbatch " + script.getFileName() + ": " + r.message();
        if (SlurmCommands.isUnreachable(r) || SlurmCommands.isBusy(r) || r.exitCode() == 127) {
            return new SlurmException("cannot reach the SLURM controller: " + m);
        }
        return new BadInputException("SLURM refused the job: " + m + " (script kept: " + script + ")");
    }

    /** Paths go on sbatch's command line (no shell involved), not into #SBATCH lines, whatever they contain. */
    private static List<String> logOptions(Path dir, boolean report) {
        return List.of("--chdir=" + dir, "--output=" + dir.resolve("logs").resolve(report ? "report_%j.out" : "%A_%a.out"));
    }

    private int maxArraySize(Mode mode, PrintWriterLike out) {
        SlurmCommands.Result r = slurm.run(SlurmCommands.command("scontrol", List.of("show", "config")));
        if (r.ok()) {
            for (String line : r.stdout().split("\n")) {
                String[] kv = line.split("=", 2);
                if (kv.length == 2 && kv[0].strip().equals("MaxArraySize")) {
                    try {
                        // MaxArraySize caps the index: indices 0 .. MaxArraySize-1
                        return Math.max(1, Integer.parseInt(kv[1].strip()) - 1);
                    } catch (NumberFormatException ignored) {
                        break;
                    }
                }
            }
        }
        if (mode == Mode.SUBMIT || mode == Mode.VALIDATE) {
            if (!r.ok()) throw new SlurmException("cannot reach the SLURM controller (scontrol show config): " + r.message());
        }
        out.println("frugal: note: MaxArraySize unknown (" + (r.ok() ? "not in scontrol show config" : r.message().lines().findFirst().orElse(""))
                + "); assuming SLURM's default " + DEFAULT_MAX_ARRAY_SIZE);
        return DEFAULT_MAX_ARRAY_SIZE - 1;
    }

    private String renderArray(Chunk c, String tag, Path runList, Map<String, JsonNode> configs) {
        List<String> directives = new ArrayList<>();
        directives.add("--job-name=" + tag);
        directives.add("--array=0-" + (c.runs().size() - 1) + "%" + profile.throttle());
        directives.addAll(c.request().directives(profile));
        directives.add("--signal=B:USR1@" + profile.signalSeconds());
        directives.add("--requeue");
        directives.add("--open-mode=append");
        Map<String, String> v = new LinkedHashMap<>();
        v.put("SBATCH_LINES", sbatchLines(directives));
        v.put("SIGNAL_SECONDS", Integer.toString(profile.signalSeconds()));
        v.put("RUN_LIST", Shell.quote(runList.toString()));
        v.put("OFFSET", Integer.toString(c.offset()));
        v.put("MAX_RESTARTS", Integer.toString(profile.maxRestarts()));
        v.put("JAVA", Shell.quote(java()));
        v.put("TRAIN_COMMAND", Shell.quoteAll(mainCommand(trainerHeap(c, configs), List.of("train"))));
        v.put("SETUP", setup());
        return templates.fill(JobTemplates.TRAIN_ARRAY, v);
    }

    private String renderReport(String name) {
        List<String> directives = new ArrayList<>(List.of("--job-name=" + name, "--cpus-per-task=1", "--mem=2G", "--time=00:30:00"));
        Map<String, String> v = new LinkedHashMap<>();
        v.put("SBATCH_LINES", sbatchLines(directives));
        v.put("JAVA", Shell.quote(java()));
        v.put("REPORT_COMMAND", Shell.quoteAll(mainCommand(List.of(), List.of("report", store.root().toAbsolutePath().normalize().toString()))));
        v.put("SETUP", setup());
        return templates.fill(JobTemplates.REPORT, v);
    }

    /** #SBATCH lines from checked tokens: the given ones, then the profile's site options. */
    private String sbatchLines(List<String> directives) {
        List<String> all = new ArrayList<>(directives);
        if (profile.partition() != null) all.add("--partition=" + profile.partition());
        if (profile.account() != null) all.add("--account=" + profile.account());
        if (profile.qos() != null) all.add("--qos=" + profile.qos());
        all.addAll(profile.extraSbatch());
        StringBuilder b = new StringBuilder();
        for (String d : all) {
            if (!Shell.isPlainToken(d)) throw new IllegalStateException("not a plain sbatch option: " + d);
            b.append("#SBATCH ").append(d).append('\n');
        }
        return b.toString().stripTrailing();
    }

    /** Module loads, node-local scratch (also DJL's native-library cache) and the allocator settings. */
    private String setup() {
        StringBuilder b = new StringBuilder();
        // a module that does not load (a typo, a site change) must stop the task, not let it run without
        for (String m : profile.modules()) {
            b.append("module load ").append(Shell.quote(m)).append(" || { echo \"frugal: 'module load ").append(m.replace("'", ""))
                    .append("' failed; not starting\" >&2; exit 1; }\n");
        }
        if (profile.scratch() != null) {
            b.append("SCRATCH=").append(scratchWord(profile.scratch())).append('\n');
            b.append("mkdir -p \"$SCRATCH/djl\"\n");
            b.append("export DJL_CACHE_DIR=\"$SCRATCH/djl\" TMPDIR=\"$SCRATCH\"\n");
        }
        b.append(nativeEnvExports());
        b.append("export OMP_NUM_THREADS=\"${SLURM_CPUS_PER_TASK:-1}\"\n"); // as the local executor sets it
        return b.toString().stripTrailing();
    }

    /**
     * The executor's native settings as shell lines, each unless the submitting environment (which
     * sbatch passes on) has its own, as {@link TrainerProcess#applyNativeEnv} does for local trainers.
     */
    static String nativeEnvExports() {
        StringBuilder b = new StringBuilder();
        TrainerProcess.NATIVE_ENV.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            if (e.getKey().equals("GOMP_SPINCOUNT")) b.append("[ -n \"${OMP_WAIT_POLICY:-}\" ] || ");
            b.append("export ").append(e.getKey()).append("=\"${").append(e.getKey()).append(":-").append(e.getValue()).append("}\"\n");
        });
        return b.toString();
    }

    /** "${VAR}/rest" → "${VAR}"'/rest': the variable expands on the node, the rest is literal. */
    static String scratchWord(String scratch) {
        if (!scratch.startsWith("${")) return Shell.quote(scratch);
        int close = scratch.indexOf('}');
        String var = scratch.substring(2, close);
        String rest = scratch.substring(close + 1);
        return "\"${" + var + "}\"" + (rest.isEmpty() ? "" : Shell.quote(rest));
    }

    private String java() {
        return profile.java() != null ? profile.java() : Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * The trainers' heap cap, as the local executor gives it ({@link TrainerHeap}): the largest of its
     * kinds' estimates over the chunk's runs, found where this submitting process finds them (the cluster's shared
     * file system, as a rule). None when the profile's java_options or this process already set one.
     */
    private List<String> trainerHeap(Chunk c, Map<String, JsonNode> configs) {
        boolean given = profile.javaOptions().stream().anyMatch(o -> o.startsWith("-Xmx"))
                || TrainerProcess.inheritedJvmOptions().stream().anyMatch(o -> o.startsWith("-Xmx"));
        if (given) return List.of();
        long mib = 0;
        for (String run : c.runs()) {
            JsonNode config = configs.get(run);
            // runs of one kind and dataset share an estimate: find the dataset once, not per run
            String key = config.path("trainer").asText() + " " + config.path("dataset").asText();
            mib = Math.max(mib, heapByKindAndDataset.computeIfAbsent(key, k -> TrainerHeap.maxHeapMiB(config)).orElse(0L));
        }
        return mib > 0 ? TrainerHeap.options(mib) : List.of();
    }

    /** JVM options, class path and main class of this frugal, then the subcommand. */
    private List<String> mainCommand(List<String> extraJvmOptions, List<String> subcommand) {
        List<String> c = new ArrayList<>(profile.javaOptions());
        c.addAll(TrainerProcess.inheritedJvmOptions());
        c.addAll(extraJvmOptions);
        c.add("-cp");
        c.add(System.getProperty("java.class.path"));
        c.add("io.frugal.harness.cli.Main");
        c.addAll(subcommand);
        return c;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
