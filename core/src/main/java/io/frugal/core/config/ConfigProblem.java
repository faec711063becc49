package io.frugal.core.config;

/**
 * One thing wrong with a configuration: where (a JSON pointer into the tree that was checked) and
 * what. The harness turns pointers into FILE:LINE:COL of the manifest the value came from.
 */
public record ConfigProblem(String pointer, String message) {
    @Override
    public String toString() {
        return (pointer.isEmpty() ? "/" : pointer) + ": " + message;
    }
}
