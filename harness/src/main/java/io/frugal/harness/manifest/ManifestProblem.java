package io.frugal.harness.manifest;

import java.util.Comparator;

/** One thing wrong with a manifest or an override, printed as {@code FILE:LINE:COL: /pointer: message}. */
public record ManifestProblem(SourceLocation location, String pointer, String message) {
    /** Manifest problems first, by line and column; then command-line ones in the order given. */
    public static final Comparator<ManifestProblem> BY_PLACE = Comparator
            .comparing((ManifestProblem p) -> p.location().onCommandLine())
            .thenComparing(p -> p.location().source())
            .thenComparingInt(p -> p.location().line())
            .thenComparingInt(p -> p.location().column())
            .thenComparing(ManifestProblem::pointer)
            .thenComparing(ManifestProblem::message);

    @Override
    public String toString() {
        return location + ": " + (pointer.isEmpty() ? "/" : pointer) + ": " + message;
    }
}
