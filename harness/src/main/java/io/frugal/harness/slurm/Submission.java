package io.frugal.harness.slurm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frugal.core.store.Json;
import io.frugal.core.store.RunStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The record of one accepted submission, {@code OUT/slurm/ID/submission.json}, written atomically
 * once every sbatch call of it succeeded (before the jobs are released), so that a record always
 * names jobs that exist and a failed submission leaves none behind.
 *
 * @param tag         the job name all its jobs carry: what sacct and squeue select by
 * @param sacctStart  submit time in the cluster's local time (sacct's --starttime)
 */
public record Submission(String id, String tag, String submittedAt, String sacctStart, String clusterProfile,
                         Path dir, List<Array> arrays, String reportJobId) {
    public static final String FILE = "submission.json";

    /** One sbatch array: task i trains runs[i]; {@code after}: the array jobs it waits for (afterok), often none. */
    public record Array(String jobId, String script, int offset, List<String> runs, List<String> after) {
        public Array {
            after = List.copyOf(after);
        }
    }

    public Path logs() {
        return dir.resolve("logs");
    }

    public Path taskLog(String arrayJobId, int task) {
        return logs().resolve(arrayJobId + "_" + task + ".out");
    }

    public String reportTag() {
        return tag + "-report";
    }

    public void write() {
        ObjectNode o = Json.object();
        o.put("format", 1);
        o.put("id", id);
        o.put("tag", tag);
        o.put("submitted_at", submittedAt);
        o.put("sacct_start", sacctStart);
        o.put("cluster_profile", clusterProfile);
        ArrayNode as = o.putArray("arrays");
        for (Array a : arrays) {
            ObjectNode n = as.addObject();
            n.put("job_id", a.jobId());
            n.put("script", a.script());
            n.put("offset", a.offset());
            a.runs().forEach(n.putArray("runs")::add);
            if (!a.after().isEmpty()) a.after().forEach(n.putArray("after")::add);
        }
        o.put("report_job_id", reportJobId);
        Json.writeAtomically(dir.resolve(FILE), o);
    }

    public static Submission read(Path file) {
        JsonNode o = Json.read(file);
        List<Array> arrays = new ArrayList<>();
        for (JsonNode a : o.path("arrays")) {
            List<String> runs = new ArrayList<>();
            a.path("runs").forEach(r -> runs.add(r.asText()));
            List<String> after = new ArrayList<>();
            a.path("after").forEach(j -> after.add(j.asText()));
            arrays.add(new Array(a.path("job_id").asText(), a.path("script").asText(), a.path("offset").asInt(), runs, after));
        }
        return new Submission(o.path("id").asText(), o.path("tag").asText(), o.path("submitted_at").asText(),
                o.path("sacct_start").asText(), o.path("cluster_profile").asText(null), file.getParent(), arrays,
                o.path("report_job_id").isNull() ? null : o.path("report_job_id").asText(null));
    }

    /** Every accepted submission in OUT, oldest first (ids sort by time). */
    public static List<Submission> all(RunStore store) {
        Path dir = store.slurmDir();
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.resolve(FILE)).filter(Files::isRegularFile).sorted().map(Submission::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
