package io.frugal.harness.slurm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs SLURM's client programs (sbatch, sacct, squeue, scontrol, scancel) without a shell, so no
 * argument is ever parsed as shell code, and retries with back-off when the controller answers
 * that it is busy. Counts the calls per program: status and submission must stay within a handful
 * of calls however large the plan is, and the tests check that.
 */
public class SlurmCommands {
    /** What a finished command said. */
    public record Result(List<String> command, int exitCode, String stdout, String stderr) {
        public boolean ok() {
            return exitCode == 0;
        }

        public String message() {
            String s = (stderr.isBlank() ? stdout : stderr).strip();
            return s.isEmpty() ? "exit code " + exitCode : s;
        }
    }

    /** Messages of a controller that is up but too busy to answer now (worth another try). */
    private static final List<String> BUSY = List.of("socket timed out", "resource temporarily unavailable",
            "temporarily unable to accept", "try again", "slurmctld is busy", "eagain");
    private static final long TIMEOUT_SECONDS = 120;

    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final long firstBackoffMillis;
    private final int attempts;

    public SlurmCommands() {
        this(Long.getLong("frugal.slurm.backoff-millis", 1000), Integer.getInteger("frugal.slurm.attempts", 5));
    }

    public SlurmCommands(long firstBackoffMillis, int attempts) {
        this.firstBackoffMillis = firstBackoffMillis;
        this.attempts = Math.max(1, attempts);
    }

    /** Runs {@code command}; a busy-controller answer is retried with doubling waits, any other answer returned as is. */
    public Result run(List<String> command) {
        Result r = null;
        long wait = firstBackoffMillis;
        for (int i = 1; i <= attempts; i++) {
            r = once(command);
            if (r.ok() || !isBusy(r)) return r;
            if (i < attempts) {
                System.err.printf(Locale.ROOT, "frugal: %s: controller busy (%s); trying again in %.1f s%n",
                        command.get(0), r.message(), wait / 1000.0);
                sleep(wait);
                wait *= 2;
            }
        }
        return r;
    }

    /** How many times {@code program} was started (retries included). */
    public int calls(String program) {
        AtomicInteger n = calls.get(program);
        return n == null ? 0 : n.get();
    }

    static boolean isBusy(Result r) {
        String m = (r.stderr + " " + r.stdout).toLowerCase(Locale.ROOT);
        return BUSY.stream().anyMatch(m::contains);
    }

    /** A controller that cannot be reached at all: an outage, not a problem with what was submitted. */
    static boolean isUnreachable(Result r) {
        String m = (r.stderr + " " + r.stdout).toLowerCase(Locale.ROOT);
        return m.contains("unable to contact slurm controller") || m.contains("connection refused")
                || m.contains("unable to establish controller") || m.contains("cannot run");
    }

    protected Result once(List<String> command) {
        calls.computeIfAbsent(command.get(0), k -> new AtomicInteger()).incrementAndGet();
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return new Result(command, 127, "", "cannot run " + command.get(0) + " (is SLURM's client installed and on PATH?): " + e.getMessage());
        }
        CompletableFuture<String> out = drain(p.getInputStream());
        CompletableFuture<String> err = drain(p.getErrorStream());
        try {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(command, 124, "", command.get(0) + " did not answer within " + TIMEOUT_SECONDS + " s (socket timed out)");
            }
            return new Result(command, p.exitValue(), out.join(), err.join());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return new Result(command, 130, "", "interrupted");
        }
    }

    private static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    public static List<String> command(String program, List<String> args) {
        List<String> c = new ArrayList<>();
        c.add(program);
        c.addAll(args);
        return c;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
