package io.frugal.harness.bench;

import io.frugal.core.store.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * One benchmark's entry in BENCHMARKS.md: a heading with the date, the command that reproduces it,
 * the machine and its load, the table, and notes. Appended, never rewritten: the file is the
 * history of what was measured.
 */
final class BenchmarkSection {
    private final String title;
    private final String command;
    private final List<String> facts = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private String table = "";

    BenchmarkSection(String title, String command) {
        this.title = title;
        this.command = command;
    }

    /** A section that starts with the machine, its load then ({@code loadBefore}) and now, and the trainer's native settings. */
    static BenchmarkSection onThisMachine(String title, String command, String loadBefore) {
        return new BenchmarkSection(title, command)
                .fact("machine", MachineInfo.summary())
                .fact("load average (1/5/15 min) before / after", loadBefore + " / " + MachineInfo.loadAverage())
                .fact("trainer's native settings", MachineInfo.nativeSettings());
    }

    BenchmarkSection fact(String name, String value) {
        facts.add(name + ": " + value);
        return this;
    }

    BenchmarkSection note(String text) {
        notes.add(text);
        return this;
    }

    BenchmarkSection table(String markdown) {
        this.table = markdown;
        return this;
    }

    String render() {
        StringBuilder b = new StringBuilder();
        b.append("## ").append(title).append(" (").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append(")\n\n");
        b.append("- command: `").append(command).append("`\n");
        for (String f : facts) b.append("- ").append(f).append('\n');
        b.append('\n').append(table);
        if (!notes.isEmpty()) {
            b.append('\n');
            for (String n : notes) b.append(n).append("\n\n");
        }
        return b.toString().stripTrailing() + "\n";
    }

    /**
     * Appends this section to {@code file} (created with a heading if new), replacing the file
     * atomically; a lock file beside it keeps two benchmarks finishing at once from losing a section.
     */
    void appendTo(Path file) {
        // file locks hold between processes only; threads of this one queue here first
        synchronized (BenchmarkSection.class) {
            appendLocked(file);
        }
    }

    private void appendLocked(Path file) {
        Path lock = file.toAbsolutePath().resolveSibling("." + file.getFileName() + ".lock");
        try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock held = channel.lock()) {
            String existing = Files.isRegularFile(file) ? Files.readString(file) : "# Benchmarks\n\nWritten by `frugal bench`; newest last.\n";
            String separator = existing.endsWith("\n\n") ? "" : existing.endsWith("\n") ? "\n" : "\n\n";
            AtomicFiles.writeString(file, existing + separator + render());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file + ": " + e.getMessage(), e);
        }
    }
}
