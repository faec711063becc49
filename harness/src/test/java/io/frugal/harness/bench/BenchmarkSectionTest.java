package io.frugal.harness.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchmarkSectionTest {
    @TempDir
    Path tmp;

    @Test
    void aNewFileGetsAHeadingThenTheSectionWithCommandFactsTableAndNotes() throws Exception {
        Path file = tmp.resolve("BENCHMARKS.md");
        new BenchmarkSection("HVC training throughput", "frugal bench hvc --repeats 3")
                .fact("machine", "test CPU").table("| a |\n| --- |\n| 1 |\n").note("A note.").appendTo(file);
        String text = Files.readString(file);
        assertThat(text).startsWith("# Benchmarks\n");
        assertThat(text).containsPattern("## HVC training throughput \\(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\\)\n");
        assertThat(text).contains("- command: `frugal bench hvc --repeats 3`\n", "- machine: test CPU\n", "| 1 |\n", "A note.\n");
    }

    @Test
    void appendingKeepsWhatWasThereAndAddsTheNewSectionLast() throws Exception {
        Path file = tmp.resolve("BENCHMARKS.md");
        Files.writeString(file, "# Benchmarks\n\nhand-written notes without a final newline");
        new BenchmarkSection("first", "frugal bench hvc").table("| x |\n").appendTo(file);
        new BenchmarkSection("second", "frugal bench hvc --width 2").table("| y |\n").appendTo(file);
        String text = Files.readString(file);
        assertThat(text).startsWith("# Benchmarks\n\nhand-written notes without a final newline\n\n## first (");
        assertThat(text.indexOf("## first")).isLessThan(text.indexOf("## second"));
        assertThat(text).endsWith("| y |\n");
        try (var files = Files.list(tmp)) {
            assertThat(files).containsExactlyInAnyOrder(file, tmp.resolve(".BENCHMARKS.md.lock")); // no temp file left behind
        }
    }

    @Test
    void benchmarksFinishingAtOnceLoseNoSection() throws Exception {
        Path file = tmp.resolve("BENCHMARKS.md");
        java.util.List<Thread> threads = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            int n = i;
            Thread t = new Thread(() -> new BenchmarkSection("run " + n, "frugal bench hvc").table("| " + n + " |\n").appendTo(file));
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) t.join();
        String text = Files.readString(file);
        for (int i = 0; i < 8; i++) assertThat(text).contains("## run " + i + " (");
    }
}
