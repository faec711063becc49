package io.frugal.harness.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.frugal.harness.manifest.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code frugal bench flow} at a tiny shape: the table, the extrapolation said to be one, the section appended. */
class FlowBenchTest {
    @TempDir
    Path tmp;

    @Test
    void withoutThePeerItTimesRealStepsAndRecordsTheSection() throws Exception {
        Path file = tmp.resolve("B.md");
        Cli r = Cli.run("bench", "flow", "--dimension", "40", "--grid", "4", "--points", "8", "--warmup", "1", "--steps", "3", "--threads", "1",
                "--no-peer", "--output", file.toString());
        assertThat(r.code).as(r.err).isZero();
        assertThat(r.out).contains("| 40, 4, 8 | 1 |").contains("| skipped | - | 3 |").contains("extrapolated");
        String md = Files.readString(file);
        assertThat(md).contains("## Flow training step", "command: `frugal bench flow --dimension 40", "peer: skipped (--no-peer)",
                "EXTRAPOLATED from the measured median step, not measured");
    }

    @Test
    void badShapesAreRejectedBeforeAnythingRuns() {
        Path file = tmp.resolve("B.md");
        Cli r = Cli.run("bench", "flow", "--dimension", "0", "--no-peer", "--output", file.toString());
        assertThat(r.code).isEqualTo(2);
        assertThat(r.err).contains("--dimension");
        assertThat(file).doesNotExist();
    }
}
