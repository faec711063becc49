package io.frugal.harness.manifest;

/** Where a value of a resolved run config came from: its place and its pointer in that source. */
public record Origin(SourceLocation location, String pointer) {
    /** A problem at {@code rest} below this origin's value (rest is "" for the value itself). */
    public ManifestProblem problem(String rest, String message) {
        return new ManifestProblem(location, pointer + rest, message);
    }
}
