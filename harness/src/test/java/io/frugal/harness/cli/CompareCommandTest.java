package io.frugal.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code frugal compare} on the real quickstart store of the golden tests (trained on CPU). */
class CompareCommandTest {
    static final Path STORE = Path.of("src/test/resources/golden/quickstart/store");

    @TempDir
    Path tmp;
    final StringWriter stdout = new StringWriter();
    final StringWriter stderr = new StringWriter();

    int frugal(String... args) {
        return Main.execute(new PrintWriter(stdout), new PrintWriter(stderr), args);
    }

    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target); else Files.copy(p, target);
            }
        }
    }

    @Test
    void theQuickstartAgainstItsCopyIsIdenticalAndAChangedSeedIsFound() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        copy(STORE, a);
        copy(STORE, b);
        assertThat(frugal("compare", a.toString(), b.toString())).as(stderr.toString()).isZero();
        assertThat(stdout.toString()).contains("- verdict: every shared cell is identical").contains("5 in both (5 identical)");
        Path result = b.resolve("runs/57a2a46dbc6e/result.json");
        Files.writeString(result, Files.readString(result).replace("\"final_top1\" : 0.7475", "\"final_top1\" : 0.7474"));
        stdout.getBuffer().setLength(0);
        assertThat(frugal("compare", a.toString(), b.toString(), "--margin", "0.01")).isZero();
        assertThat(stdout.toString()).contains("- verdict: the stores differ")
                .contains("- `57a2a46dbc6e` (fashion-mnist / step-E3), CPU in both, should be equal: final_top1: A 0.7475, B 0.7474");
        assertThat(Files.exists(a.resolve("report"))).isFalse();
    }

    @Test
    void storesThatShareNoCellExitTwo() throws IOException {
        Path a = tmp.resolve("a");
        copy(STORE, a);
        Path b = tmp.resolve("b");
        Files.createDirectories(b);
        Files.writeString(b.resolve("plan.json"), Files.readString(a.resolve("plan.json")).replace("fashion-mnist", "mnist"));
        assertThat(frugal("compare", a.toString(), b.toString())).isEqualTo(2);
        assertThat(stderr.toString()).contains("share no cell");
    }
}
