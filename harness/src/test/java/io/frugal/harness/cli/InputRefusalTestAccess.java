package io.frugal.harness.cli;

/** The small manifest of {@link InputRefusalTest}, for tests in other packages. */
public final class InputRefusalTestAccess {
    public static final String MANIFEST = InputRefusalTest.MANIFEST;

    private InputRefusalTestAccess() {}
}
