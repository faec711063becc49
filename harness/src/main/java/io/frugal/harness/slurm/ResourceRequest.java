package io.frugal.harness.slurm;

import com.fasterxml.jackson.databind.JsonNode;
import io.frugal.core.BadInputException;
import io.frugal.methods.config.RunConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What one run asks SLURM for, from its config's {@code resources} (validated by the planner) and
 * the cluster profile. Runs asking for the same thing share an array.
 *
 * @param mem memory per node such as "4G", or null to leave it to the profile's mem_per_gpu or the site default
 */
public record ResourceRequest(int gpus, int cpus, String mem, long timeSeconds) {

    public static ResourceRequest of(JsonNode config, ClusterProfile profile, String runId) {
        JsonNode r = config.path("resources");
        int gpus = r.path("gpus").asInt(0);
        // at least the run's compute threads (the planner refuses resources.cpus below them): the
        // trainer uses exactly that many, whatever cpus-per-task, so its numbers match its id
        int threads = io.frugal.core.kind.CommonConfig.threads(config);
        int cpus = r.has("cpus") ? r.path("cpus").asInt(1)
                : Math.max(threads, gpus > 0 && profile.cpusPerGpu() > 0 ? gpus * profile.cpusPerGpu() : 1);
        String mem = r.path("mem").isTextual() ? r.path("mem").asText() : null;
        long time = r.path("time").isTextual() ? io.frugal.core.kind.CommonConfig.parseSlurmTime(r.path("time").asText()) : profile.defaultTime();
        if (profile.timeLimit() > 0 && time > profile.timeLimit()) {
            throw new BadInputException("run " + runId + " asks for " + slurmTime(time) + " but cluster profile '" + profile.name()
                    + "' allows at most " + slurmTime(profile.timeLimit()) + " (time_limit); lower resources.time in the manifest");
        }
        if (mem != null && !Shell.isPlainToken(mem)) throw new BadInputException("run " + runId + ": resources.mem '" + mem + "' is not a memory size");
        return new ResourceRequest(gpus, cpus, mem, time);
    }

    /** The {@code #SBATCH} options for this request on {@code profile}: checked tokens only. */
    public List<String> directives(ClusterProfile profile) {
        List<String> d = new ArrayList<>();
        d.add("--cpus-per-task=" + cpus);
        if (mem != null) d.add("--mem=" + mem);
        else if (gpus > 0 && profile.memPerGpu() != null) d.add("--mem-per-gpu=" + profile.memPerGpu());
        d.add("--time=" + slurmTime(timeSeconds));
        if (gpus > 0) {
            String type = profile.gpuType() == null ? "" : profile.gpuType() + ":";
            d.add(profile.gpuDirective() == ClusterProfile.GpuDirective.GRES ? "--gres=gpu:" + type + gpus : "--gpus-per-node=" + type + gpus);
        }
        return d;
    }

    /** Seconds as SLURM's D-HH:MM:SS, rounded up to whole minutes (SLURM's unit). */
    public static String slurmTime(long seconds) {
        long m = (seconds + 59) / 60;
        return String.format(Locale.ROOT, "%d-%02d:%02d:00", m / 1440, m / 60 % 24, m % 60);
    }
}
