package io.frugal.harness.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

// Placeholder so the CLI compiles while the command is being written; replaced before any commit lands.
@Command(name = "run", description = "(being written)")
final class RunCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new IllegalStateException("frugal run: not written yet");
    }
}
