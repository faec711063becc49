package io.frugal.harness.exec;

import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;

/**
 * Turns SIGTERM/SIGINT into a stop request that the work loop polls, instead of letting the JVM
 * run shutdown hooks and exit 143/130: the trainer must finish its batch, save a checkpoint and
 * exit 3, and the executor must pass the stop on to its children and wait for their checkpoints.
 * (SLURM's preemption signal arrives as SIGTERM; HotSpot keeps SIGUSR1 for itself.)
 */
public final class Signals {
    private Signals() {}

    /**
     * Runs {@code onFirst} on the first of the named signals (e.g. "TERM", "INT"). Later ones are
     * ignored, or, with {@code haltOnSecond}, end the process at once: a user pressing Ctrl-C twice
     * wants out. A trainer must not halt on a second signal: Ctrl-C reaches it and then its
     * executor's SIGTERM follows, and it must still get to write its checkpoint.
     */
    public static void onStop(Runnable onFirst, boolean haltOnSecond, String... names) {
        AtomicBoolean seen = new AtomicBoolean();
        for (String name : names) {
            Signal.handle(new Signal(name), sig -> {
                if (seen.getAndSet(true)) {
                    if (haltOnSecond) {
                        // exit 3 (interrupted), one of the documented codes: the trainers watch this
                        // process and save their checkpoints when it is gone
                        System.err.println("frugal: second SIG" + sig.getName() + ": stopping without waiting;"
                                + " the trainers save their checkpoints on their own; run the same command again to continue");
                        Runtime.getRuntime().halt(3);
                    }
                    return;
                }
                onFirst.run();
            });
        }
    }
}
