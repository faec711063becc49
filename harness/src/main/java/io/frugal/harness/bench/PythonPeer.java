package io.frugal.harness.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.frugal.harness.exec.TrainerProcess;
import io.frugal.core.store.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The PyTorch-from-Python peer of a benchmark: a script in bench/peers run by the system's Python
 * with its own torch (Debian: python3-torch). Never a dependency: when Python or torch is missing,
 * {@link #find} says why and the benchmark runs without the comparison.
 */
final class PythonPeer {
    /** The system interpreter, whose dist-packages hold Debian's torch (not a pyenv or venv one first on PATH). */
    static final String DEFAULT_PYTHON = "/usr/bin/python3";
    private static final long PROBE_SECONDS = 120;
    /** Environment variables the launcher and executor set for the trainer. */
    static final List<String> PRODUCT_TUNING = TrainerProcess.NATIVE_VARIABLES;

    private final String python;
    private final Path script;
    private final String torchVersion;
    private final boolean tuned;

    private PythonPeer(String python, Path script, String torchVersion, boolean tuned) {
        this.python = python;
        this.script = script;
        this.torchVersion = torchVersion;
        this.tuned = tuned;
    }

    /**
     * The peer for {@code script}, or empty with the reason in {@code why}. A {@code tuned} peer
     * runs with the {@link #PRODUCT_TUNING} variables this process has; otherwise without them.
     */
    static Optional<PythonPeer> find(String python, Path script, boolean tuned, List<String> why) {
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
        return Optional.of(new PythonPeer(python, script, probe.stdout.strip(), tuned));
    }

    String torchVersion() {
        return torchVersion;
    }

    /** How the peer's environment differs from the trainer's, for the record. */
    String environment() {
        return tuned ? "the same native settings as the trainer (--peer-tuned)"
                : "PyTorch's defaults (" + String.join(", ", PRODUCT_TUNING) + " removed)";
    }

    /**
     * Starts the script with {@code args} in its --serve mode: it builds the model and runs its
     * warm-up steps, then times one step per {@link Session#step} call.
     */
    Session serve(List<String> args, long timeoutSeconds) {
        List<String> command = new ArrayList<>(List.of(python, script.toString()));
        command.addAll(args);
        command.add("--serve");
        return new Session(command, tuned, timeoutSeconds);
    }

    /** A running peer process that trains one step on request. */
    static final class Session implements AutoCloseable {
        private final Process process;
        private final Path errors;
        private final BufferedReader replies;
        private final Writer requests;
        private final long timeoutSeconds;
        private final String name;
        private final long trainedParameters;
        private final JsonNode ready;

        private Session(List<String> command, boolean tuned, long timeoutSeconds) {
            this.timeoutSeconds = timeoutSeconds;
            this.name = Path.of(command.get(1)).getFileName().toString();
            try {
                errors = Files.createTempFile("frugal-peer", ".err");
                ProcessBuilder builder = new ProcessBuilder(command).redirectError(errors.toFile());
                // The peer is PyTorch as a Python user runs it: without the tuning frugal's launcher gives its own trainers.
                if (!tuned) builder.environment().keySet().removeAll(PRODUCT_TUNING);
                process = builder.start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the peer: " + e.getMessage(), e);
            }
            replies = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            requests = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            ready = reply();
            if (!ready.path("ready").asBoolean()) throw failure("did not report ready: " + ready);
            trainedParameters = ready.path("parameters").asLong();
        }

        long trainedParameters() {
            return trainedParameters;
        }

        /** The peer's ready line: what it built and how (its script's own facts, e.g. other counts, settings). */
        JsonNode ready() {
            return ready;
        }

        /** Runs one training step in the peer; returns its seconds as the peer timed them. */
        double step() {
            try {
                requests.write("step\n");
                requests.flush();
            } catch (IOException e) {
                throw failure("stopped taking requests (" + e.getMessage() + ")");
            }
            JsonNode r = reply();
            if (!r.has("seconds")) throw failure("answered " + r + " to a step");
            return r.path("seconds").asDouble();
        }

        private JsonNode reply() {
            CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
                try {
                    return replies.readLine();
                } catch (IOException e) {
                    return null;
                }
            });
            String text;
            try {
                text = line.get(timeoutSeconds, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                process.destroyForcibly();
                throw failure("did not answer within " + timeoutSeconds + " s");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
                throw new IllegalStateException("interrupted while waiting for the peer", e);
            } catch (ExecutionException e) {
                throw failure(e.getCause().toString());
            }
            if (text == null) throw failure("exited");
            return Json.parse(text);
        }

        private IllegalStateException failure(String what) {
            String stderr = "";
            try {
                if (!process.isAlive()) stderr = Files.readString(errors).strip();
            } catch (IOException e) {
                stderr = "(its error output is unreadable: " + e.getMessage() + ")";
            }
            return new IllegalStateException("peer " + name + " " + what + (stderr.isEmpty() ? "" : ": " + stderr));
        }

        @Override
        public void close() {
            try {
                requests.write("quit\n");
                requests.close();
            } catch (IOException e) {
                // already gone: nothing to stop
            }
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            } finally {
                errors.toFile().delete();
            }
        }
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
