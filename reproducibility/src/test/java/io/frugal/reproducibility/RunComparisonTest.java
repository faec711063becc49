package io.frugal.reproducibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frugal.core.store.Json;
import io.frugal.core.store.RunDirectory;
import io.frugal.reproducibility.audit.RunComparison;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The determinism audit's comparison of two trainings of one config: bitwise on the CPU, within a
 * stated absolute tolerance for GPU runs, the largest difference reported either way, clock
 * readings and the kind's circumstance keys (how a run happened, not what it computed) left out.
 */
class RunComparisonTest {
    @TempDir
    Path tmp;

    private RunDirectory run(String name, double loss, double probe, String cache, double seconds) throws Exception {
        RunDirectory d = new RunDirectory(tmp.resolve(name));
        Files.createDirectories(d.dir());
        Files.writeString(d.metrics(), Json.compact(Json.object().put("epoch", 1).put("loss", 1.5).put("train_seconds", seconds)) + "\n"
                + Json.compact(Json.object().put("epoch", 2).put("loss", loss).put("train_seconds", 2 * seconds)) + "\n");
        ObjectNode r = Json.object().put("status", "done").put("probe_top1", probe).put("resumes", 0).put("wall_seconds", 3 * seconds)
                .put("finished_at", "2026-12-0" + (int) seconds + "T00:00:00Z");
        r.putObject("details").put("target_cache", cache);
        Json.writeAtomically(d.result(), r);
        return d;
    }

    @Test
    void identicalNumbersAgreeBitwiseWhateverTheClocksAndCircumstancesSay() throws Exception {
        RunDirectory a = run("a", 0.25, 0.8, "built", 1);
        RunDirectory b = run("b", 0.25, 0.8, "reused", 2);
        RunComparison.Outcome o = RunComparison.compare(a, b, 0, Set.of("target_cache"));
        assertThat(o.equal()).as(o.differences().toString()).isTrue();
        assertThat(o.mode()).isEqualTo("bitwise");
        assertThat(o.largestDifference()).isZero();
        assertThat(o.fieldsCompared()).isEqualTo(6); // epoch and loss twice, status, probe_top1
        // without the kind's word that target_cache is a circumstance, it is a difference
        assertThat(RunComparison.compare(a, b, 0, Set.of()).differences()).containsExactly("result.json details target_cache: \"built\" vs \"reused\"");
    }

    @Test
    void theLastBitDiffersOnTheCpuButAGpuRunMayDifferWithinItsTolerance() throws Exception {
        RunDirectory a = run("a", 0.25, 0.8, "built", 1);
        RunDirectory b = run("b", Math.nextUp(0.25), 0.8 + 3e-5, "built", 1);
        RunComparison.Outcome cpu = RunComparison.compare(a, b, 0, Set.of());
        assertThat(cpu.equal()).isFalse();
        assertThat(cpu.differences()).hasSize(2);
        assertThat(cpu.largestDifference()).isCloseTo(3e-5, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(cpu.largestAt()).isEqualTo("result.json probe_top1");

        RunComparison.Outcome gpu = RunComparison.compare(a, b, 1e-4, Set.of());
        assertThat(gpu.equal()).isTrue();
        assertThat(gpu.mode()).isEqualTo("within 1.0E-4");
        assertThat(gpu.largestDifference()).isEqualTo(cpu.largestDifference());
        // beyond the tolerance it differs, and says where
        RunComparison.Outcome tight = RunComparison.compare(a, b, 1e-5, Set.of());
        assertThat(tight.equal()).isFalse();
        assertThat(tight.differences()).singleElement().asString().startsWith("result.json probe_top1: 0.8 vs 0.80003");
    }

    @Test
    void aMissingPointOrResultIsADifferenceAndANegativeToleranceIsRefused() throws Exception {
        RunDirectory a = run("a", 0.25, 0.8, "built", 1);
        RunDirectory b = run("b", 0.25, 0.8, "built", 1);
        Files.writeString(b.metrics(), Files.readAllLines(b.metrics()).get(0) + "\n");
        Files.delete(b.result());
        assertThat(RunComparison.compare(a, b, 0, Set.of()).differences())
                .containsExactly("metrics.jsonl: 2 points vs 1", "result.json: missing in the re-run");
        assertThatThrownBy(() -> RunComparison.compare(a, a, -1, Set.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
