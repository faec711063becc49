package io.frugal.harness.slurm;

import com.fasterxml.jackson.databind.JsonNode;
import io.frugal.harness.manifest.LocatedDocument;
import io.frugal.harness.manifest.LocatedTreeReader;
import io.frugal.harness.manifest.ManifestException;
import io.frugal.harness.manifest.ManifestProblem;
import io.frugal.core.BadInputException;
import io.frugal.methods.config.RunConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What differs between SLURM sites (jobs/clusters/*.yaml): partition, account, QOS, how GPUs are
 * asked for, CPUs and memory per GPU, the longest time a job may ask, modules, Java, node-local
 * scratch, extra {@code #SBATCH} options. Read strictly: an unknown key or a value of the wrong
 * shape is a problem reported with its file, line and column, and nothing is submitted.
 *
 * @param scratch   node-local scratch folder: an absolute path, or one starting with ${VAR}
 * @param timeLimit the most a job may ask for, in seconds (0: no limit known)
 * @param defaultTime  time for runs whose resources give none, in seconds
 */
public record ClusterProfile(String name, String partition, String account, String qos, GpuDirective gpuDirective,
                             String gpuType, int cpusPerGpu, String memPerGpu, long timeLimit, long defaultTime,
                             List<String> modules, String java, List<String> javaOptions, String scratch, int throttle,
                             int signalSeconds, int maxRestarts, List<String> extraSbatch) {

    public enum GpuDirective { GRES, GPUS_PER_NODE }

    private static final Set<String> KEYS = Set.of("name", "partition", "account", "qos", "gpu_directive", "gpu_type",
            "cpus_per_gpu", "mem_per_gpu", "time_limit", "default_time", "modules", "java", "java_options", "scratch",
            "throttle", "signal_seconds", "max_restarts", "extra_sbatch");
    // SLURM names are short; a bound keeps a pasted paragraph out of #SBATCH lines
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern MODULE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/+-]*");
    private static final Pattern ABSOLUTE_PATH = Pattern.compile("/[A-Za-z0-9._/+-]{1,4095}");
    private static final Pattern MEMORY = Pattern.compile("[1-9][0-9]*[KMGT]?");
    private static final Pattern PATH = Pattern.compile("(/|\\$\\{[A-Za-z_][A-Za-z0-9_]*\\})[A-Za-z0-9._/+-]*");
    private static final Pattern SBATCH_OPTION = Pattern.compile("--[a-z][a-z-]*(=[A-Za-z0-9._:/+,=@%-]+)?");
    private static final Pattern JAVA_OPTION = Pattern.compile("-[A-Za-z0-9._:/+,=@%-]+");

    public static ClusterProfile load(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new BadInputException("cluster profile " + file + ": cannot read it: " + e.getMessage());
        }
        List<ManifestProblem> problems = new ArrayList<>();
        LocatedDocument doc = LocatedTreeReader.parse(bytes, file.toString(), LocatedTreeReader.factoryFor(file.toString()), problems);
        ClusterProfile profile = doc == null ? null : new Reader(doc, problems).read();
        problems.sort(ManifestProblem.BY_PLACE);
        if (!problems.isEmpty() || profile == null) throw new ManifestException("cluster profile " + file, problems);
        return profile;
    }

    /** One checked field after another; each problem is recorded and reading goes on, so all are reported at once. */
    private static final class Reader {
        private final LocatedDocument doc;
        private final JsonNode root;
        private final List<ManifestProblem> problems;

        Reader(LocatedDocument doc, List<ManifestProblem> problems) {
            this.doc = doc;
            this.root = doc.root();
            this.problems = problems;
        }

        ClusterProfile read() {
            if (!root.isObject()) {
                problems.add(doc.problem("", "must be a mapping of settings (name, partition, ...)"));
                return null;
            }
            for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!KEYS.contains(key)) problems.add(doc.problem("/" + key, "unknown setting '" + key + "'; known: " + String.join(", ", new java.util.TreeSet<>(KEYS))));
            }
            String name = text("name", NAME, null, "a name of letters, digits, '.', '_' or '-'");
            if (name == null && !root.has("name")) problems.add(doc.problem("", "missing 'name'"));
            String directive = text("gpu_directive", Pattern.compile("gres|gpus-per-node"), "gres", "'gres' (--gres=gpu:N) or 'gpus-per-node' (--gpus-per-node=N)");
            long timeLimit = time("time_limit", 0);
            long defaultTime = time("default_time", timeLimit > 0 ? Math.min(3600, timeLimit) : 3600);
            if (timeLimit > 0 && defaultTime > timeLimit) problems.add(doc.problem("/default_time", "is longer than time_limit"));
            return new ClusterProfile(name,
                    text("partition", NAME, null, "a partition name"),
                    text("account", NAME, null, "an account name"),
                    text("qos", NAME, null, "a QOS name"),
                    "gpus-per-node".equals(directive) ? GpuDirective.GPUS_PER_NODE : GpuDirective.GRES,
                    text("gpu_type", NAME, null, "a GPU type such as a100"),
                    integer("cpus_per_gpu", 0, 0, 1024),
                    text("mem_per_gpu", MEMORY, null, "a memory size such as 32G"),
                    timeLimit, defaultTime,
                    list("modules", MODULE, "a module name such as java/17"),
                    text("java", ABSOLUTE_PATH, null, "an absolute path to the java program (no ${VAR}: the script quotes it,"
                            + " so a variable would never be expanded and every task would exit 127)"),
                    list("java_options", JAVA_OPTION, "a JVM option such as -Xmx8g"),
                    text("scratch", PATH, null, "an absolute path, or one starting with ${VAR}, e.g. ${TMPDIR}/frugal"),
                    integer("throttle", 16, 1, 100_000),
                    integer("signal_seconds", 120, 10, 3600),
                    integer("max_restarts", 3, 0, 100),
                    list("extra_sbatch", SBATCH_OPTION, "an sbatch option such as --constraint=a100 (no spaces or quotes)"));
        }

        private String text(String key, Pattern shape, String dflt, String expected) {
            JsonNode n = root.get(key);
            if (n == null || n.isNull()) return dflt;
            if (!n.isTextual() || !shape.matcher(n.asText()).matches()) {
                problems.add(doc.problem("/" + key, "must be " + expected + ", got " + n));
                return dflt;
            }
            return n.asText();
        }

        private int integer(String key, int dflt, int min, int max) {
            JsonNode n = root.get(key);
            if (n == null || n.isNull()) return dflt;
            if (!n.canConvertToInt() || !n.isIntegralNumber() || n.asInt() < min || n.asInt() > max) {
                problems.add(doc.problem("/" + key, "must be a whole number from " + min + " to " + max + ", got " + n));
                return dflt;
            }
            return n.asInt();
        }

        private long time(String key, long dflt) {
            JsonNode n = root.get(key);
            if (n == null || n.isNull()) return dflt;
            try {
                if (!n.isTextual()) throw new BadInputException("not a string");
                long s = io.frugal.core.kind.CommonConfig.parseSlurmTime(n.asText());
                if (s <= 0) throw new BadInputException("not positive");
                return s;
            } catch (RuntimeException e) {
                problems.add(doc.problem("/" + key, "must be a SLURM time such as \"04:00:00\" or \"2-00:00:00\", got " + n));
                return dflt;
            }
        }

        private List<String> list(String key, Pattern shape, String expected) {
            JsonNode n = root.get(key);
            if (n == null || n.isNull()) return List.of();
            if (!n.isArray()) {
                problems.add(doc.problem("/" + key, "must be a list, got " + n));
                return List.of();
            }
            List<String> out = new ArrayList<>();
            for (int i = 0; i < n.size(); i++) {
                JsonNode e = n.get(i);
                if (!e.isTextual() || !shape.matcher(e.asText()).matches()) {
                    problems.add(doc.problem("/" + key + "/" + i, "must be " + expected + ", got " + e));
                } else {
                    out.add(e.asText());
                }
            }
            return List.copyOf(out);
        }
    }
}
