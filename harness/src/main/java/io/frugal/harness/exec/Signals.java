package io.frugal.harness.exec;

import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;

/**
 * Turns SIGTERM/SIGINT into a flag the work loop polls, instead of letting the JVM run shutdown
 * hooks and exit 143/130: the trainer must finish its batch, save a checkpoint and exit 3, and the
 * executor must pass the stop on to its children and wait for their checkpoints. (SLURM's
 * preemption signal arrives as SIGTERM; HotSpot keeps SIGUSR1 for itself.)
 */
public final class Signals {
    private Signals() {}

    /** Sets {@code flag} on each named signal (e.g. "TERM", "INT"); a second one exits at once. */
    public static void onStop(AtomicBoolean flag, Runnable onFirst, String... names) {
        for (String name : names) {
            Signal.handle(new Signal(name), sig -> {
                if (flag.getAndSet(true)) {
                    System.err.println("frugal: second SIG" + sig.getName() + ": stopping without waiting");
                    Runtime.getRuntime().halt(128 + sig.getNumber());
                }
                if (onFirst != null) onFirst.run();
            });
        }
    }
}
