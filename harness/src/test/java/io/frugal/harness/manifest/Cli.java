package io.frugal.harness.manifest;

import io.frugal.harness.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Test helpers: write a manifest into a folder, run the CLI in this JVM, list what a folder holds. */
public final class Cli {
    public final int code;
    public final String out;
    public final String err;

    private Cli(int code, String out, String err) {
        this.code = code;
        this.out = out;
        this.err = err;
    }

    public static Cli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Cli(code, out.toString(), err.toString());
    }

    public static Path write(Path dir, String name, String text) {
        try {
            return Files.writeString(dir.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every path under {@code dir}, relative, sorted: to show that a command wrote nothing. */
    public static java.util.List<String> tree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(p -> dir.relativize(p).toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The repository's manifests folder (tests run in the harness module folder). */
    public static Path repoManifest(String name) {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            Path m = p.resolve("manifests").resolve(name);
            if (Files.isRegularFile(m)) return m;
        }
        throw new IllegalStateException("manifests/" + name + " not found above " + here);
    }
}
