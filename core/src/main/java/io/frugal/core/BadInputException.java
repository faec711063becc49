package io.frugal.core;

/**
 * Input the user must fix: a malformed manifest, an unknown dataset, a truncated data file, a bad
 * cluster profile. The CLI prints the message and exits 2, and whoever throws it must not have
 * written or started anything yet. The message names the problem and where it is.
 */
public class BadInputException extends RuntimeException {
    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
