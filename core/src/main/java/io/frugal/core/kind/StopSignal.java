package io.frugal.core.kind;

/**
 * A request to stop training, set from another thread (a SIGTERM handler, a time-limit watchdog)
 * and polled by the trainer after every batch. The trainer then finishes the batch in flight,
 * writes a checkpoint and returns {@link Outcome#INTERRUPTED}.
 */
public final class StopSignal {
    private volatile String reason;

    /** Asks the trainer to stop; the first reason given is kept. Safe to call from any thread. */
    public void request(String why) {
        synchronized (this) {
            if (reason == null) reason = why == null ? "stop requested" : why;
        }
    }

    public boolean isRequested() {
        return reason != null;
    }

    /** Why the stop was requested, or null if it was not. */
    public String reason() {
        return reason;
    }
}
