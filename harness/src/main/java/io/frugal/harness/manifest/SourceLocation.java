package io.frugal.harness.manifest;

/**
 * Where a value was written: a manifest file (line and column, both 1-based) or a command-line
 * option, where {@code source} is the option ({@code --set}, {@code --profile}), {@code line} is
 * which occurrence of it (1-based) and {@code column} the character in its argument.
 */
public record SourceLocation(String source, int line, int column) {
    public static final String SET_OPTION = "--set";
    public static final String PROFILE_OPTION = "--profile";

    /** Problems in the manifest come before those in command-line options, whatever their names. */
    public boolean onCommandLine() {
        return source.startsWith("--");
    }

    @Override
    public String toString() {
        return source + ":" + line + ":" + column;
    }
}
