package io.frugal.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.frugal.harness.manifest.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Input that must be refused (exit 2) before anything is written, each with a message naming it. */
class InputRefusalTest {
    @TempDir
    Path tmp;

    static final String MANIFEST = """
            name: refusals
            defaults: {model: {width: 0.125}, epochs: 1, resources: {time: "00:10:00"}}
            datasets: [mnist]
            seeds: [1]
            experiments:
              - {id: baseline, schedule: {type: full}}
            """;

    private Cli run(Path manifest, String... more) {
        String[] args = new String[more.length + 2];
        args[0] = "run";
        args[1] = manifest.toString();
        System.arraycopy(more, 0, args, 2, more.length);
        return Cli.run(args);
    }

    @Test
    void outFoldersThatAreNoRunStoreOrThatSlurmWouldMisreadAreRefusedUntouched() throws Exception {
        Path m = Cli.write(tmp, "m.yaml", MANIFEST);
        Path other = Files.createDirectories(tmp.resolve("thesis"));
        Files.writeString(other.resolve("chapter1.tex"), "mine");
        Cli r = run(m, "--out", other.toString(), "--dry-run");
        assertThat(r.code).isEqualTo(2);
        assertThat(r.err).contains("holds other things and no plan.json");
        assertThat(Cli.tree(other)).containsExactly("", "chapter1.tex");

        assertThat(run(m, "--out", "/").err).contains("file-system root");
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        Cli f = run(m, "--out", file.toString());
        assertThat(f.code).isEqualTo(2);
        assertThat(f.err).contains("is a file, not a folder").doesNotContain("Exception");
        for (String bad : new String[] {"out%j", "out\\x", "out\nx"}) {
            Cli b = run(m, "--out", tmp.resolve(bad).toString());
            assertThat(b.code).as(bad).isEqualTo(2);
            assertThat(b.err).as(bad).contains("--out");
            assertThat(tmp.resolve(bad)).doesNotExist();
        }
    }

    @Test
    void namesSizesAndLimitsAreLocatedProblemsAndNothingIsWritten() throws Exception {
        Path out = tmp.resolve("out");
        String[][] cases = {
                {"name: refusals", "name: ..", "/name"},
                {"name: refusals", "name: " + "a".repeat(10_000), "at most 100 characters"},
                {"time: \"00:10:00\"", "time: \"" + "9".repeat(20) + "\"", "/resources/time"},
                {"time: \"00:10:00\"", "time: \"0\"", "longer than zero"},
                {"time: \"00:10:00\"", "time: \"00:00\"", "longer than zero"},
                {"time: \"00:10:00\"", "time: \"00:10:00\", mem: \"0\"", "whole node"},
                {"seeds: [1]", "seeds: [1]\nmatrix: {a: [1,2,3,4,5,6,7,8,9,10], b: [1,2,3,4,5,6,7,8,9,10], c: [1,2,3,4,5,6,7,8,9,10],"
                        + " d: [1,2,3,4,5,6,7,8,9,10], e: [1,2,3,4,5,6,7,8,9,10], f: [1,2,3,4,5,6,7,8,9,10], g: [1,2,3,4,5,6,7,8,9,10],"
                        + " h: [1,2,3,4,5,6,7,8,9,10], i: [1,2,3,4,5,6,7,8,9,10], j: [1,2,3,4,5,6,7,8,9,10], k: [1,2,3,4,5,6,7,8,9,10],"
                        + " l: [1,2,3,4,5,6,7,8,9,10]}", "expands to 1000000000000 runs"},
        };
        for (String[] c : cases) {
            Path m = Cli.write(tmp, "m.yaml", MANIFEST.replace(c[0], c[1]));
            Cli r = run(m, "--out", out.toString());
            assertThat(r.code).as(c[1] + "\n" + r.out + r.err).isEqualTo(2);
            assertThat(r.err).as(c[1]).contains(m + ":").contains(c[2]).doesNotContain("Exception");
            assertThat(out).as(c[1]).doesNotExist();
        }
        Path m = Cli.write(tmp, "m.yaml", MANIFEST);
        Cli negative = run(m, "--out", out.toString(), "--time-limit", "-1");
        assertThat(negative.code).isEqualTo(2);
        assertThat(negative.err).contains("--time-limit");
        Cli many = run(m, "--out", out.toString(), "--jobs", "1000", "--dry-run");
        assertThat(many.code).isZero();
        assertThat(many.out).contains("--jobs 1000 capped to");
        assertThat(out).doesNotExist();
    }

    @Test
    void clusterProfileValuesThatWouldBreakEveryTaskAreRefused() throws Exception {
        Path m = Cli.write(tmp, "m.yaml", MANIFEST);
        Path out = tmp.resolve("out");
        String[][] cases = {
                {"java: ${JAVA_HOME}/bin/java", "/java"},
                {"partition: " + "p".repeat(200), "/partition"},
                {"account: " + "a".repeat(200), "/account"},
                {"qos: " + "q".repeat(200), "/qos"},
        };
        for (String[] c : cases) {
            Path profile = Files.writeString(tmp.resolve("p.yaml"), "name: site\n" + c[0] + "\n");
            Cli r = run(m, "--out", out.toString(), "--executor", "slurm", "--cluster", profile.toString(), "--dry-run");
            assertThat(r.code).as(c[0] + r.out + r.err).isEqualTo(2);
            assertThat(r.err).as(c[0]).contains(c[1]);
            assertThat(out).doesNotExist();
        }
        // found only after planning: a run asking for more time than the profile allows leaves nothing behind
        Path limited = Files.writeString(tmp.resolve("p.yaml"), "name: site\ntime_limit: \"00:05:00\"\n");
        Cli over = run(m, "--out", out.toString(), "--executor", "slurm", "--cluster", limited.toString(), "--dry-run");
        assertThat(over.code).as(over.out + over.err).isEqualTo(2);
        assertThat(over.err).contains("time_limit");
        assertThat(out).as("nothing left behind, so the advice can be followed into the same folder").doesNotExist();
    }
}
