package io.frugal.harness.slurm;

import static org.assertj.core.api.Assertions.fail;

import io.frugal.harness.manifest.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assumptions;

/** The real one-node cluster of scripts/slurm-cluster, as the integration tests use it. */
final class LocalCluster {
    private static final SlurmCommands SLURM = new SlurmCommands(500, 3);

    private LocalCluster() {}

    /** Fails with FRUGAL_SLURM_TESTS=1 (scripts/test sets it and starts the cluster) when the cluster is not up, else skips. */
    static void require() {
        SlurmCommands.Result r = SLURM.run(List.of("sinfo", "-h", "-o", "%T"));
        String state = r.ok() ? r.stdout().strip() : "";
        if (r.ok() && (state.startsWith("idle") || state.startsWith("mixed") || state.startsWith("alloc"))) return;
        String why = "the local SLURM cluster is not up (sinfo: " + (r.ok() ? state : r.message()) + "); start it with scripts/slurm-cluster start";
        if ("1".equals(System.getenv("FRUGAL_SLURM_TESTS"))) fail(why);
        Assumptions.abort(why);
    }

    static SlurmCommands.Result run(String... command) {
        return SLURM.run(List.of(command));
    }

    /** Polls {@code frugal status OUT} until its output satisfies {@code done}; fails with the last output after {@code limit}. */
    static String awaitStatus(Path out, Predicate<String> done, Duration limit) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        String last = "";
        while (System.nanoTime() < end) {
            Cli s = Cli.run("status", out.toString());
            last = s.out + s.err;
            if (done.test(last)) return last;
            Thread.sleep(2000);
        }
        return fail("status of " + out + " did not reach the expected state within " + limit + "; last:\n" + last
                + "\nsqueue:\n" + run("squeue").stdout());
    }

    static Path profile(Path dir, String extra) throws Exception {
        Path p = dir.resolve("test-cluster.yaml");
        Files.writeString(p, """
                name: test
                partition: local
                signal_seconds: 50
                max_restarts: 20
                throttle: 4
                """ + extra);
        return p;
    }
}
