package io.frugal.harness.slurm;

import io.frugal.harness.exec.RunState;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * SLURM's view of the runs of a run store: one {@code sacct} call for all its submissions (jobs are
 * selected by their submissions' job names, from the oldest submit time), or, where accounting is
 * off, one {@code squeue} call. Never one query per job. When sacct has no record yet of a whole
 * array (just submitted, or waiting for its begin time), one squeue call fills in. The latest
 * submission of a run wins.
 */
public final class SlurmTracker {
    /** A run's latest array task as SLURM reports it; elapsed and wait in seconds (-1: not known). */
    public record TaskView(String runId, String jobId, String slurmState, String exitCode, int restarts,
                           long elapsedSeconds, long totalElapsedSeconds, long queueWaitSeconds, Path log) {
        public RunState.State runState() {
            return mapState(slurmState);
        }

        public boolean retryable() {
            return RETRYABLE.contains(slurmState);
        }
    }

    /** The answer of one refresh. */
    public record View(Map<String, TaskView> runs, String reportJobId, String reportState, String source) {}

    /** (22.05's sacct has no restart count field: -D lists every attempt, so restarts = attempts - 1.) */
    static final List<String> SACCT_FORMAT = List.of("JobID", "State", "ExitCode", "Submit", "Start", "ElapsedRaw");
    public static final Set<String> RETRYABLE = Set.of("TIMEOUT", "PREEMPTED", "NODE_FAIL");
    public static final Set<String> FAILED_STATES = Set.of("FAILED", "TIMEOUT", "PREEMPTED", "NODE_FAIL", "OUT_OF_MEMORY",
            "CANCELLED", "BOOT_FAIL", "DEADLINE");

    private final SlurmCommands slurm;

    public SlurmTracker(SlurmCommands slurm) {
        this.slurm = slurm;
    }

    /** SLURM states to the run states of the CLI contract (README, "Running on SLURM"): TIMEOUT, PREEMPTED and NODE_FAIL are retryable. */
    public static RunState.State mapState(String slurmState) {
        return switch (slurmState) {
            case "PENDING", "REQUEUED", "REQUEUE_HOLD", "REQUEUE_FED", "RESV_DEL_HOLD", "CONFIGURING" -> RunState.State.QUEUED;
            case "RUNNING", "COMPLETING", "SIGNALING", "STAGE_OUT", "SUSPENDED", "RESIZING", "STOPPED" -> RunState.State.RUNNING;
            case "COMPLETED" -> RunState.State.DONE;
            default -> RunState.State.FAILED;
        };
    }

    public View refresh(List<Submission> submissions) {
        if (submissions.isEmpty()) return new View(Map.of(), null, null, "none");
        List<String> names = new ArrayList<>();
        String start = null;
        for (Submission s : submissions) {
            names.add(s.tag());
            names.add(s.reportTag());
            if (start == null || s.sacctStart().compareTo(start) < 0) start = s.sacctStart();
        }
        SlurmCommands.Result r = slurm.run(SlurmCommands.command("sacct", List.of("-P", "-n", "-D", "-X",
                "--starttime", start, "--name", String.join(",", names), "--format", String.join(",", SACCT_FORMAT))));
        List<String> squeue = SlurmCommands.command("squeue", List.of("-h", "-r", "--name", String.join(",", names), "-o", "%i|%T"));
        if (r.ok()) {
            View v = fromSacct(submissions, r.stdout());
            // the report job waits for every array (--dependency): sacct has no record of it while it is pending
            boolean reportMissing = v.reportJobId() == null && submissions.get(submissions.size() - 1).reportJobId() != null;
            if (!missingArrays(submissions, v) && !reportMissing) return v;
            // sacct lists a job once it is eligible and its record has arrived (a second or two after
            // submission; not at all while it waits for a --begin time): squeue knows it already
            SlurmCommands.Result q = slurm.run(squeue);
            if (!q.ok()) return v;
            View queued = fromSqueue(submissions, q.stdout());
            Map<String, TaskView> runs = latestOf(submissions, v.runs(), queued.runs());
            return v.reportJobId() != null ? new View(runs, v.reportJobId(), v.reportState(), "sacct+squeue")
                    : new View(runs, queued.reportJobId(), queued.reportState(), "sacct+squeue");
        }
        SlurmCommands.Result q = slurm.run(squeue);
        if (q.ok()) return fromSqueue(submissions, q.stdout());
        throw new SlurmException("cannot ask SLURM about the jobs: sacct: " + r.message() + "; squeue: " + q.message());
    }

    /**
     * Per run, the task of its latest submission, whichever source knows it: sacct may still hold
     * the record of an earlier submission's task (cancelled, failed) while only squeue knows the
     * task submitted since (pending on its dependency), and that newer task is the run's state.
     */
    static Map<String, TaskView> latestOf(List<Submission> submissions, Map<String, TaskView> sacct, Map<String, TaskView> squeue) {
        Map<String, Integer> order = new HashMap<>();
        for (int i = 0; i < submissions.size(); i++) {
            for (Submission.Array a : submissions.get(i).arrays()) order.put(a.jobId(), i);
        }
        java.util.function.ToIntFunction<TaskView> rank = t -> order.getOrDefault(t.jobId().substring(0, t.jobId().indexOf('_')), -1);
        Map<String, TaskView> runs = new HashMap<>(squeue);
        sacct.forEach((run, t) -> runs.merge(run, t, (q, a) -> rank.applyAsInt(q) > rank.applyAsInt(a) ? q : a));
        return runs;
    }

    private record Attempt(String state, String exit, String submit, String start, long elapsed) {}

    static View fromSacct(List<Submission> submissions, String out) {
        // -D lists every attempt of a requeued task; keep them all, in order, per job id
        Map<String, List<Attempt>> byJob = new HashMap<>(expectedTasks(submissions));
        for (String line : out.split("\n")) {
            String[] f = line.strip().split("\\|", -1);
            if (f.length < SACCT_FORMAT.size()) continue;
            Attempt a = new Attempt(stateWord(f[1]), f[2], f[3], f[4], parseLong(f[5]));
            if (f[0].indexOf('[') < 0) {
                byJob.computeIfAbsent(f[0], k -> new ArrayList<>(1)).add(a); // one task: nearly every line
                continue;
            }
            for (String id : expandArrayIds(f[0])) byJob.computeIfAbsent(id, k -> new ArrayList<>(1)).add(a);
        }
        return view(submissions, byJob, "sacct");
    }

    /** The tasks of all the submissions, with room for a hash map of them. */
    private static int expectedTasks(List<Submission> submissions) {
        long n = 0;
        for (Submission s : submissions) for (Submission.Array a : s.arrays()) n += a.runs().size();
        return (int) Math.min(1 << 30, n * 4 / 3 + 16);
    }

    /** squeue knows only jobs that have not ended, and no accounting figures. */
    static View fromSqueue(List<Submission> submissions, String out) {
        Map<String, List<Attempt>> byJob = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            String[] f = line.strip().split("\\|", -1);
            if (f.length < 2) continue;
            for (String id : expandArrayIds(f[0])) byJob.put(id, List.of(new Attempt(stateWord(f[1]), "", "", "", -1)));
        }
        return view(submissions, byJob, "squeue");
    }

    private static View view(List<Submission> submissions, Map<String, List<Attempt>> byJob, String source) {
        Map<String, TaskView> runs = new HashMap<>(expectedTasks(submissions));
        String reportId = null;
        String reportState = null;
        for (Submission s : submissions) {
            java.nio.file.Path logs = s.logs();
            for (Submission.Array a : s.arrays()) {
                for (int t = 0; t < a.runs().size(); t++) {
                    String jobId = a.jobId() + "_" + t;
                    List<Attempt> attempts = byJob.get(jobId);
                    if (attempts == null) continue;
                    Attempt last = attempts.get(attempts.size() - 1);
                    long total = 0;
                    for (Attempt at : attempts) if (at.elapsed() > 0) total += at.elapsed();
                    long wait = waitSeconds(attempts.get(0).submit(), attempts.get(0).start());
                    // the path Submission.taskLog names, its folder resolved once per submission
                    runs.put(a.runs().get(t), new TaskView(a.runs().get(t), jobId, last.state(), last.exit(), attempts.size() - 1,
                            last.elapsed(), last.elapsed() < 0 ? -1 : total, wait, logs.resolve(jobId + ".out")));
                }
            }
            if (s.reportJobId() != null && byJob.containsKey(s.reportJobId())) {
                List<Attempt> at = byJob.get(s.reportJobId());
                reportId = s.reportJobId();
                reportState = at.get(at.size() - 1).state();
            }
        }
        return new View(runs, reportId, reportState, source);
    }

    /** Whether sacct knew nothing of some array of the submissions. */
    private static boolean missingArrays(List<Submission> submissions, View v) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (TaskView t : v.runs().values()) seen.add(t.jobId().substring(0, t.jobId().indexOf('_')));
        return submissions.stream().flatMap(s -> s.arrays().stream()).anyMatch(a -> !seen.contains(a.jobId()));
    }

    /** "CANCELLED by 0" → CANCELLED. */
    static String stateWord(String s) {
        String t = s.strip();
        int sp = t.indexOf(' ');
        return (sp < 0 ? t : t.substring(0, sp)).toUpperCase(Locale.ROOT);
    }

    /** "12_3" → [12_3]; "12_[0-3,7%2]" (tasks not started yet) → [12_0 .. 12_3, 12_7]; "12" → [12]. */
    static List<String> expandArrayIds(String id) {
        int open = id.indexOf("_[");
        if (open < 0) return List.of(id);
        String job = id.substring(0, open);
        String spec = id.substring(open + 2, id.endsWith("]") ? id.length() - 1 : id.length());
        int pct = spec.indexOf('%');
        if (pct >= 0) spec = spec.substring(0, pct);
        List<String> out = new ArrayList<>();
        for (String part : spec.split(",")) {
            if (part.isBlank()) continue;
            String[] ab = part.split("-");
            try {
                int a = Integer.parseInt(ab[0].strip());
                int b = ab.length > 1 ? Integer.parseInt(ab[1].strip()) : a;
                for (int i = a; i <= b; i++) out.add(job + "_" + i);
            } catch (NumberFormatException e) {
                // a form we do not know: leave it out rather than guess
            }
        }
        return out;
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static long waitSeconds(String submit, String start) {
        LocalDateTime from = dateTime(submit);
        LocalDateTime to = dateTime(start);
        if (from == null || to == null) return -1; // not started yet ("Unknown")
        return java.time.Duration.between(from, to).getSeconds();
    }

    /**
     * sacct's time, null when it is none ("Unknown", "None"). Its one form, {@code 2026-11-22T11:27:13},
     * is read field by field (a status of 100 000 tasks reads 200 000 of them: the formatter's
     * general parser cost seconds); any other text goes through {@link LocalDateTime#parse}.
     */
    static LocalDateTime dateTime(String s) {
        if (s.length() == 19 && s.charAt(4) == '-' && s.charAt(7) == '-' && s.charAt(10) == 'T' && s.charAt(13) == ':' && s.charAt(16) == ':') {
            int year = digits(s, 0, 4);
            int month = digits(s, 5, 7);
            int day = digits(s, 8, 10);
            int hour = digits(s, 11, 13);
            int minute = digits(s, 14, 16);
            int second = digits(s, 17, 19);
            if ((year | month | day | hour | minute | second) >= 0) {
                try {
                    return LocalDateTime.of(year, month, day, hour, minute, second);
                } catch (java.time.DateTimeException e) {
                    return null; // out of range (month 13, 30 February): what parse refuses too
                }
            }
        }
        try {
            return LocalDateTime.parse(s);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The number written by the ASCII digits s[from, to), or -1 if one is not a digit. */
    private static int digits(String s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return -1;
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
