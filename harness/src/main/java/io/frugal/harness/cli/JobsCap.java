package io.frugal.harness.cli;

import io.frugal.core.kind.CommonConfig;
import io.frugal.core.store.Plan;
import io.frugal.core.store.PlannedRun;
import io.frugal.harness.exec.TrainerHeap;
import java.io.PrintWriter;

/**
 * {@code --jobs} for the local executor, capped to what this machine can hold: as many trainers as
 * its cores give their threads, and as its memory holds their heaps plus the engine's native
 * memory. More would only make every run slower (or end one with an out-of-memory kill); the
 * numbers do not depend on it, so the cap is a notice, not an error.
 */
final class JobsCap {
    /** Native memory a trainer uses beside its Java heap (libtorch, its arenas): measured around 600 MiB for the HVC trainer. */
    static final long NATIVE_MIB = 768;

    private JobsCap() {}

    static int cap(int asked, Plan plan, PrintWriter out) {
        int threads = plan.runs().stream().mapToInt(r -> CommonConfig.threads(r.config())).min().orElse(1);
        int byCores = Math.max(1, Runtime.getRuntime().availableProcessors() / threads);
        long heap = plan.runs().stream().map(PlannedRun::config).mapToLong(c -> TrainerHeap.maxHeapMiB(c).orElse(1024)).max().orElse(1024);
        long totalMiB = totalMemoryMiB();
        int byMemory = totalMiB <= 0 ? Integer.MAX_VALUE : (int) Math.max(1, totalMiB / (heap + NATIVE_MIB));
        int jobs = Math.min(asked, Math.min(byCores, byMemory));
        if (jobs < asked) {
            out.printf("frugal run: note: --jobs %d capped to %d: %s%n", asked, jobs, byCores <= byMemory
                    ? Runtime.getRuntime().availableProcessors() + " cores for runs of " + threads + " thread(s) each"
                    : totalMiB + " MiB of memory for trainers of about " + (heap + NATIVE_MIB) + " MiB each");
        }
        return jobs;
    }

    private static long totalMemoryMiB() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) return sun.getTotalMemorySize() >> 20;
        return -1;
    }
}
