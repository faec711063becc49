package io.frugal.harness.bench;

import io.frugal.analysis.report.TextTable;
import io.frugal.core.BadInputException;
import io.frugal.core.store.Plan;
import io.frugal.core.store.PlannedRun;
import io.frugal.core.store.RunStore;
import io.frugal.harness.plan.PlanWriter;
import io.frugal.harness.plan.Planner;
import io.frugal.harness.slurm.Submission;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * {@code frugal status} on a SLURM submission of many runs, without a cluster: a synthetic run store
 * (the harness bench's manifest, every run done with a synthetic result.json), a
 * {@code submission.json} of as many arrays as asked, and {@code sacct} and {@code squeue} on PATH
 * replaced by scripts: sacct replays lines in the form SLURM 22.05 prints for the tracker's query
 * ({@code -P -n -D -X}, JobID|State|ExitCode|Submit|Start|ElapsedRaw; 2 % of the tasks with a
 * REQUEUED attempt first, as a time limit's requeue leaves them), squeue answers nothing. Each
 * call of status is a fresh JVM, as a user starts it, timed by bash's {@code time} (wall, user and
 * system CPU of the whole process): the first call after the runs finished (it saves every run's
 * slurm.json), then later calls (nothing changed). The load average before each call is kept with
 * its figure: on a shared machine the CPU seconds say what a call costs.
 */
public final class StatusScaleBench {
    /** One timed call: what it ran, its wall and CPU seconds, the 1-minute load before it, its last output line(s). */
    public record Call(String name, double seconds, double userSeconds, double systemSeconds, String loadBefore, String tail) {}

    /** What the bench was asked for. */
    public record Options(int runs, int arrays, int laterCalls, List<String> javaOptions, String classPath, Path keep) {
        /** The class path of the timed calls: {@code classPath}, else this JVM's. */
        String cli() {
            return classPath != null ? classPath : System.getProperty("java.class.path");
        }
    }

    /** The bench's first array job id (made up; the report job follows the last array). */
    static final long FIRST_JOB_ID = 700_000;
    static final String SUBMISSION_ID = "20261202-000000-benc";
    /** One in this many tasks has a REQUEUED attempt before its COMPLETED one. */
    static final int REQUEUED_EVERY = 50;

    private StatusScaleBench() {}

    public static void validate(Options o) {
        HarnessScaleBench.validate(o.runs());
        if (o.arrays() < 1 || o.runs() % o.arrays() != 0) {
            throw new BadInputException("--arrays must divide --runs (" + o.runs() + "), got " + o.arrays());
        }
        if (o.laterCalls() < 1) throw new BadInputException("--later-calls must be at least 1, got " + o.laterCalls());
        if (o.keep() != null && Files.exists(o.keep())) throw new BadInputException("--keep " + o.keep() + " exists already");
    }

    /** Builds the store, then times the calls; the folder is removed afterwards unless {@code keep} names it. */
    public static List<Call> run(Options o, PrintWriter log) {
        WorkDirectory temp = o.keep() == null ? WorkDirectory.create("frugal-bench-status") : null;
        Path work = temp != null ? temp.path() : o.keep();
        try {
            Files.createDirectories(work);
            Path out = work.resolve("out");
            Path bin = build(work, out, o, log);
            settle(out);
            List<Call> calls = new ArrayList<>();
            calls.add(call(work, bin, o, "first status --summary (saves every slurm.json)", List.of("status", out.toString(), "--summary"), log));
            for (int i = 1; i <= o.laterCalls(); i++) {
                calls.add(call(work, bin, o, "later status --summary (" + i + ")", List.of("status", out.toString(), "--summary"), log));
            }
            calls.add(call(work, bin, o, "later status (every run's row)", List.of("status", out.toString()), log));
            if (o.keep() != null) log.println("store, replay scripts and outputs kept in " + work + " (PATH=" + bin + ":$PATH to reuse them)");
            return calls;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (temp != null) temp.close();
        }
    }

    /**
     * Writes the setup's files back to disk before anything is timed: the first status ends with a
     * sync of the file system, which would otherwise be charged for the setup's 100 000 result.json.
     */
    private static void settle(Path out) throws IOException {
        try {
            new ProcessBuilder("sync", "--file-system", out.toString()).inheritIO().start().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The lines the replaying sacct prints, in the bench's folder. */
    public static final String SACCT_LINES = "sacct-lines.txt";

    /**
     * The run store in {@code out}, the submission record and the replaying sacct and squeue in
     * {@code work}/bin (tests use it too); returns the folder of the scripts.
     */
    public static Path build(Path work, Path out, Options o, PrintWriter log) throws IOException {
        long start = System.nanoTime();
        Path manifest = work.resolve("manifest.yaml");
        Files.writeString(manifest, HarnessScaleBench.manifest(o.runs()));
        RunStore store = new RunStore(out);
        Plan plan = Planner.plan(manifest, null, List.of());
        PlanWriter.write(store, plan);
        // setup, not what is measured: from all cores, without the atomic writes' fsyncs
        IntStream.range(0, plan.runs().size()).parallel().forEach(i -> HarnessScaleBench.writeResult(store, plan.runs().get(i)));
        Submission submission = submission(store, plan, o.arrays());
        Files.createDirectories(submission.dir());
        submission.write();
        Path lines = work.resolve(SACCT_LINES);
        int n = writeSacctLines(submission, lines);
        Path bin = Files.createDirectories(work.resolve("bin"));
        script(bin.resolve("sacct"), "# replays the accounting of the bench's submission; logs each call\n"
                + "printf '%s\\n' \"$*\" >> '" + work.resolve("sacct-calls.txt") + "'\nexec cat '" + lines + "'\n");
        script(bin.resolve("squeue"), "# the bench's jobs have all ended: squeue knows none of them; logs each call\n"
                + "printf '%s\\n' \"$*\" >> '" + work.resolve("squeue-calls.txt") + "'\n");
        log.printf(Locale.ROOT, "setup: %d runs done, %d arrays x %d tasks, %d sacct lines (%.1f s)%n", o.runs(), o.arrays(),
                o.runs() / o.arrays(), n, (System.nanoTime() - start) / 1e9);
        log.flush();
        return bin;
    }

    static Submission submission(RunStore store, Plan plan, int arrays) {
        int size = plan.runs().size() / arrays;
        List<Submission.Array> as = new ArrayList<>();
        for (int a = 0; a < arrays; a++) {
            List<String> runs = plan.runs().subList(a * size, (a + 1) * size).stream().map(PlannedRun::id).toList();
            as.add(new Submission.Array(Long.toString(FIRST_JOB_ID + a), "train-" + a + ".sbatch", a * size, runs, List.of()));
        }
        String tag = "frugal-" + SUBMISSION_ID;
        return new Submission(SUBMISSION_ID, tag, "2026-12-02T00:00:00Z", "2026-12-02T00:00:00", "bench",
                store.slurmDir().resolve(SUBMISSION_ID), as, Long.toString(FIRST_JOB_ID + arrays));
    }

    /**
     * sacct's answer for the submission, every task completed: waits and elapsed times vary from
     * task to task (made up from its index), a requeued task lists its first attempt before the final one.
     */
    static int writeSacctLines(Submission s, Path file) throws IOException {
        LocalDateTime t0 = LocalDateTime.parse(s.sacctStart());
        java.time.format.DateTimeFormatter f = java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss", Locale.ROOT);
        int lines = 0;
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int a = 0; a < s.arrays().size(); a++) {
                Submission.Array array = s.arrays().get(a);
                for (int t = 0; t < array.runs().size(); t++) {
                    LocalDateTime submit = t0.plusSeconds(a);
                    LocalDateTime start = submit.plusSeconds((a * 7L + t * 13L) % 3600);
                    long elapsed = 60 + (t * 31L) % 600;
                    String id = array.jobId() + "_" + t;
                    if (t % REQUEUED_EVERY == 7) {
                        w.write(id + "|REQUEUED|0:0|" + f.format(submit) + "|" + f.format(start) + "|" + (elapsed / 2) + "\n");
                        lines++;
                        start = start.plusSeconds(elapsed / 2 + 20);
                    }
                    w.write(id + "|COMPLETED|0:0|" + f.format(submit) + "|" + f.format(start) + "|" + elapsed + "\n");
                    lines++;
                }
            }
            LocalDateTime end = t0.plusSeconds(4 * 3600);
            w.write(s.reportJobId() + "|COMPLETED|0:0|" + f.format(t0) + "|" + f.format(end) + "|42\n");
            lines++;
        }
        return lines;
    }

    private static void script(Path file, String body) throws IOException {
        Files.writeString(file, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** One fresh JVM of the CLI, as the launcher starts it, timed by bash; PATH starts with the replay scripts. */
    private static Call call(Path work, Path bin, Options o, String name, List<String> args, PrintWriter log) throws IOException {
        String load = MachineInfo.loadAverage().split(" ")[0];
        int index = Files.exists(work.resolve("calls")) ? countFiles(work.resolve("calls")) : 0;
        Path dir = Files.createDirectories(work.resolve("calls").resolve(String.format(Locale.ROOT, "%02d", index)));
        List<String> cmd = new ArrayList<>(List.of("bash", "-c",
                "TIMEFORMAT='%R %U %S'; { time \"$@\" > '" + dir.resolve("stdout.txt") + "' 2> '" + dir.resolve("stderr.txt")
                        + "' ; } 2> '" + dir.resolve("time.txt") + "'; exit 0", "bash"));
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(o.javaOptions());
        cmd.addAll(List.of("-cp", o.cli(), "io.frugal.harness.cli.Main"));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("PATH", bin + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        try {
            Process p = pb.start();
            p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while timing " + name, e);
        }
        String[] t = Files.readString(dir.resolve("time.txt")).strip().split("\\s+");
        List<String> outLines = Files.readAllLines(dir.resolve("stdout.txt"));
        String err = Files.readString(dir.resolve("stderr.txt")).strip();
        if (outLines.size() < 2 || !outLines.get(outLines.size() - 1).startsWith("SLURM (")) {
            throw new IllegalStateException(name + " did not end as status does: " + String.join("\n", outLines.subList(Math.max(0, outLines.size() - 3), outLines.size()))
                    + (err.isEmpty() ? "" : "\n" + err));
        }
        String tail = outLines.get(outLines.size() - 2) + " / " + outLines.get(outLines.size() - 1);
        Call c = new Call(name, Double.parseDouble(t[0]), Double.parseDouble(t[1]), Double.parseDouble(t[2]), load, tail);
        log.printf(Locale.ROOT, "%s: %.2f s (CPU %.2f user + %.2f system), load %s before; %s%n", name, c.seconds(), c.userSeconds(),
                c.systemSeconds(), load, tail);
        log.flush();
        return c;
    }

    private static int countFiles(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return (int) s.count();
        }
    }

    public static String table(List<Call> calls) {
        TextTable t = new TextTable().column("call", false).column("seconds", true).column("CPU user + system", true)
                .column("load before", true);
        for (Call c : calls) {
            t.row(List.of(c.name(), String.format(Locale.ROOT, "%.2f", c.seconds()),
                    String.format(Locale.ROOT, "%.2f + %.2f", c.userSeconds(), c.systemSeconds()), c.loadBefore()));
        }
        return t.render();
    }

    public static void record(Options o, List<Call> calls, String table, String command, String loadBefore, Path file) {
        BenchmarkSection.onThisMachine("Status at scale", command, loadBefore)
                .fact("store", o.runs() + " runs, all done (synthetic result.json), submitted as " + o.arrays() + " arrays × "
                        + o.runs() / o.arrays() + " tasks; sacct and squeue on PATH replaced by scripts replaying 22.05's answer"
                        + " (1 task in " + REQUEUED_EVERY + " requeued once); each call a fresh JVM timed by bash's time")
                .fact("CLI timed", o.classPath() == null ? "this build" : "class path " + o.classPath())
                .fact("what status said", calls.get(calls.size() - 1).tail())
                .table(table)
                .appendTo(file);
    }
}
