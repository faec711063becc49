package io.frugal.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.frugal.harness.manifest.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

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
    void anOutFolderThatHoldsOtherThingsIsRefusedUntouched() throws Exception {
        Path m = Cli.write(tmp, "m.yaml", MANIFEST);
        Path other = Files.createDirectories(tmp.resolve("thesis"));
        Files.writeString(other.resolve("chapter1.tex"), "mine");
        Cli r = run(m, "--out", other.toString(), "--dry-run");
        assertThat(r.code).isEqualTo(2);
        assertThat(r.err).contains("holds other things and no plan.json");
        assertThat(Cli.tree(other)).containsExactly("", "chapter1.tex");
    }

    @Test
    void theFileSystemRootAndARegularFileAreRefusedAsOut() throws Exception {
        Path m = Cli.write(tmp, "m.yaml", MANIFEST);
        Cli root = run(m, "--out", "/", "--dry-run");
        assertThat(root.code).as(root.out + root.err).isEqualTo(2);
        assertThat(root.err).contains("file-system root");
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        Cli f = run(m, "--out", file.toString());
        assertThat(f.code).as(f.out + f.err).isEqualTo(2);
        assertThat(f.err).contains("is a file, not a folder").doesNotContain("Exception");
        assertThat(Files.readString(file)).isEqualTo("x");
    }

    /** sbatch expands '%' in --output, a backslash and a line break break the run list: every task would fail. */
    @ParameterizedTest
    @ValueSource(strings = {"out%j", "out\\x", "out\nx"})
    void outPathsThatSlurmWouldMisreadAreRefused(String bad) throws Exception {
        Path m = Cli.write(tmp, "m.yaml", MANIFEST);
        Cli b = run(m, "--out", tmp.resolve(bad).toString());
        assertThat(b.code).as(b.out + b.err).isEqualTo(2);
        assertThat(b.err).contains("--out");
        assertThat(tmp.resolve(bad)).doesNotExist();
    }

    static Stream<Arguments> manifestProblems() {
        return Stream.of(
                Arguments.of("name: refusals", "name: ..", "/name"),
                Arguments.of("name: refusals", "name: " + "a".repeat(10_000), "at most 100 characters"),
                Arguments.of("time: \"00:10:00\"", "time: \"" + "9".repeat(20) + "\"", "/resources/time"),
                Arguments.of("time: \"00:10:00\"", "time: \"0\"", "longer than zero"),
                Arguments.of("time: \"00:10:00\"", "time: \"00:00\"", "longer than zero"),
                Arguments.of("time: \"00:10:00\"", "time: \"00:10:00\", mem: \"0\"", "whole node"),
                Arguments.of("seeds: [1]", "seeds: [1]\nmatrix: {a: [1,2,3,4,5,6,7,8,9,10], b: [1,2,3,4,5,6,7,8,9,10], c: [1,2,3,4,5,6,7,8,9,10],"
                        + " d: [1,2,3,4,5,6,7,8,9,10], e: [1,2,3,4,5,6,7,8,9,10], f: [1,2,3,4,5,6,7,8,9,10], g: [1,2,3,4,5,6,7,8,9,10],"
                        + " h: [1,2,3,4,5,6,7,8,9,10], i: [1,2,3,4,5,6,7,8,9,10], j: [1,2,3,4,5,6,7,8,9,10], k: [1,2,3,4,5,6,7,8,9,10],"
                        + " l: [1,2,3,4,5,6,7,8,9,10]}", "expands to 1000000000000 runs"));
    }

    @ParameterizedTest
    @MethodSource("manifestProblems")
    void namesSizesAndLimitsAreLocatedProblemsAndNothingIsWritten(String from, String to, String said) throws Exception {
        Path out = tmp.resolve("out");
        Path m = Cli.write(tmp, "m.yaml", MANIFEST.replace(from, to));
        Cli r = run(m, "--out", out.toString());
        assertThat(r.code).as(r.out + r.err).isEqualTo(2);
        assertThat(r.err).contains(m + ":").contains(said).doesNotContain("Exception");
        assertThat(out).doesNotExist();
    }

    /**
     * A limit too short for any trainer to start (its JVM and engine take seconds) and save a first
     * checkpoint: every attempt would end with nothing saved, so it is refused, as are 0 and below.
     */
    @ParameterizedTest
    @ValueSource(strings = {"-1", "0", "1", "9"})
    void aTimeLimitNoRunCanMakeProgressInIsRefused(String limit) throws Exception {
        Path out = tmp.resolve("out");
        Path m = Cli.write(tmp, "m.yaml", MANIFEST);
        Cli r = run(m, "--out", out.toString(), "--time-limit", limit);
        assertThat(r.code).as(r.out + r.err).isEqualTo(2);
        assertThat(r.err).contains("--time-limit " + limit).contains("at least " + RunCommand.MIN_TIME_LIMIT_SECONDS + " seconds");
        assertThat(out).doesNotExist();
    }

    @Test
    void aThousandJobsAreCappedWithANotice() throws Exception {
        Path out = tmp.resolve("out");
        Path m = Cli.write(tmp, "m.yaml", MANIFEST);
        Cli many = run(m, "--out", out.toString(), "--jobs", "1000", "--dry-run");
        assertThat(many.code).isZero();
        assertThat(many.out).contains("--jobs 1000 capped to");
        assertThat(out).doesNotExist();
    }

    static Stream<Arguments> profileProblems() {
        return Stream.of(
                Arguments.of("java: ${JAVA_HOME}/bin/java", "/java"),
                Arguments.of("partition: " + "p".repeat(200), "/partition"),
                Arguments.of("account: " + "a".repeat(200), "/account"),
                Arguments.of("qos: " + "q".repeat(200), "/qos"));
    }

    @ParameterizedTest
    @MethodSource("profileProblems")
    void clusterProfileValuesThatWouldBreakEveryTaskAreRefused(String line, String pointer) throws Exception {
        Path m = Cli.write(tmp, "m.yaml", MANIFEST);
        Path out = tmp.resolve("out");
        Path profile = Files.writeString(tmp.resolve("p.yaml"), "name: site\n" + line + "\n");
        Cli r = run(m, "--out", out.toString(), "--executor", "slurm", "--cluster", profile.toString(), "--dry-run");
        assertThat(r.code).as(line + r.out + r.err).isEqualTo(2);
        assertThat(r.err).contains(pointer);
        assertThat(out).doesNotExist();
    }

    @Test
    void aRefusalFoundOnlyAfterPlanningLeavesNothingBehind() throws Exception {
        // a run asking for more time than the profile allows
        Path m = Cli.write(tmp, "m.yaml", MANIFEST);
        Path out = tmp.resolve("out");
        Path limited = Files.writeString(tmp.resolve("p.yaml"), "name: site\ntime_limit: \"00:05:00\"\n");
        Cli over = run(m, "--out", out.toString(), "--executor", "slurm", "--cluster", limited.toString());
        assertThat(over.code).as(over.out + over.err).isEqualTo(2);
        assertThat(over.err).contains("time_limit");
        assertThat(out).as("nothing left behind, so the advice can be followed into the same folder").doesNotExist();
    }
}
