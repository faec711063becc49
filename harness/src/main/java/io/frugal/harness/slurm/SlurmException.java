package io.frugal.harness.slurm;

/** SLURM could not do what was asked for a reason outside the user's input (controller down, lost contact): exit 1. */
public class SlurmException extends RuntimeException {
    public SlurmException(String message) {
        super(message);
    }
}
