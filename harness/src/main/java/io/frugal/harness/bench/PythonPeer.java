package io.frugal.harness.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.frugal.methods.store.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The PyTorch-from-Python peer of a benchmark: a script in bench/peers run by the system's Python
 * with its own torch (Debian: python3-torch). Never a dependency: when Python or torch is missing,
 * {@link #find} says why and the benchmark runs without the comparison.
 */
final class PythonPeer {
    /** The system interpreter, whose dist-packages hold Debian's torch (not a pyenv or venv one first on PATH). */
    static final String DEFAULT_PYTHON = "/usr/bin/python3";
    private static final long PROBE_SECONDS = 120;

    private final String python;
    private final Path script;
    private final String torchVersion;

    private PythonPeer(String python, Path script, String torchVersion) {
        this.python = python;
        this.script = script;
        this.torchVersion = torchVersion;
    }

    /** The peer for {@code script}, or empty with the reason in {@code why}. */
    static Optional<PythonPeer> find(String python, Path script, List<String> why) {
        if (!Files.isRegularFile(script)) {
            why.add("peer script " + script + " not found");
            return Optional.empty();
        }
        Result probe;
        try {
            probe = run(List.of(python, "-c", "import torch; print(torch.__version__)"), PROBE_SECONDS);
        } catch (UncheckedIOException e) {
            why.add(python + " cannot be run (" + e.getCause().getMessage() + "); install python3");
            return Optional.empty();
        }
        if (probe.exitCode != 0) {
            why.add(python + " has no torch (install it: apt-get install python3-torch)");
            return Optional.empty();
        }
        return Optional.of(new PythonPeer(python, script, probe.stdout.strip()));
    }

    String torchVersion() {
        return torchVersion;
    }

    /** Runs the script with {@code args}; its last output line is a JSON object with images_per_second, step_seconds, parameters. */
    Throughput measure(List<String> args, long timeoutSeconds) {
        List<String> command = new ArrayList<>(List.of(python, script.toString()));
        command.addAll(args);
        Result r = run(command, timeoutSeconds);
        if (r.exitCode != 0) {
            throw new IllegalStateException("peer " + script.getFileName() + " failed (exit " + r.exitCode + "): " + r.stdout.strip());
        }
        String[] lines = r.stdout.strip().split("\n");
        JsonNode json = Json.parse(lines[lines.length - 1]);
        List<Double> seconds = new ArrayList<>();
        json.path("step_seconds").forEach(s -> seconds.add(s.asDouble()));
        if (seconds.isEmpty()) throw new IllegalStateException("peer " + script.getFileName() + " reported no timed steps: " + r.stdout.strip());
        return new Throughput(json.path("images_per_second").asDouble(), seconds, json.path("parameters").asLong());
    }

    private record Result(int exitCode, String stdout) {}

    private static Result run(List<String> command, long timeoutSeconds) {
        Path output = null;
        try {
            // to a file, not a pipe: the timeout must hold even if the child never closes its output
            output = Files.createTempFile("frugal-peer", ".out");
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s");
            }
            return new Result(p.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        } finally {
            if (output != null) output.toFile().delete();
        }
    }
}
