package io.frugal.analysis.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.frugal.analysis.StoreFixture;
import io.frugal.analysis.report.ComparisonRenderer;
import io.frugal.analysis.stats.Equivalence;
import io.frugal.core.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreComparisonTest {
    static final String CPU = "{\"engine\": {\"gpus\": 0, \"devices\": [\"cpu()\"]}}";

    @TempDir
    Path tmp;

    private Path store(String name) {
        StoreFixture f = StoreFixture.twoDatasets(tmp.resolve(name));
        for (String id : new String[] {"c-b1", "c-b2", "c-s1", "c-s2", "m-s1", "m-s2", "m-b1", "m-b2", "m-b3", "m-e1"}) {
            f.file(id, "provenance.json", CPU);
        }
        return f.store().root();
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target); else Files.copy(p, target);
            }
        }
    }

    @Test
    void aStoreAndItsCopyAreIdenticalInEveryCell() throws IOException {
        Path a = store("a");
        Path b = tmp.resolve("b");
        copy(a, b);
        StoreComparison c = StoreComparison.of(a, b, 0.005);
        assertThat(c.cells()).hasSize(5);
        assertThat(c.cells()).allSatisfy(cell -> assertThat(cell.verdict()).isEqualTo("identical"));
        assertThat(c.mismatches()).isEmpty();
        assertThat(c.allIdentical()).isTrue();
        assertThat(ComparisonRenderer.markdown(c)).contains("- verdict: every shared cell is identical");
    }

    @Test
    void oneChangedSeedIsFoundAndItsRunListed() throws IOException {
        Path a = store("a");
        Path b = tmp.resolve("b");
        copy(a, b);
        // seed 2 of the mnist baseline came out differently in B (e.g. another code version)
        Path result = b.resolve("runs/m-b2/result.json");
        Files.writeString(result, Files.readString(result).replace("\"final_top1\" : 0.98,", "\"final_top1\" : 0.9801,"));
        StoreComparison c = StoreComparison.of(a, b, 0.005);
        assertThat(c.allIdentical()).isFalse();
        CellComparison base = c.cells().stream().filter(x -> x.key().toString().equals("mnist / baseline")).findFirst().orElseThrow();
        assertThat(base.identical()).isFalse();
        assertThat(base.runsNotEqual()).isEqualTo(1);
        assertThat(base.welch().delta()).isCloseTo(0.0001 / 3, within(1e-12));
        assertThat(c.cells().stream().filter(CellComparison::identical)).hasSize(4);
        assertThat(c.mismatches()).singleElement().satisfies(m -> {
            assertThat(m.runId()).isEqualTo("m-b2");
            assertThat(m.bothCpu()).isTrue();
            assertThat(m.differences()).containsExactly("final_top1: A 0.98, B 0.9801");
        });
        assertThat(ComparisonRenderer.markdown(c)).contains("- verdict: the stores differ")
                .contains("- `m-b2` (mnist / baseline), CPU in both, should be equal: final_top1: A 0.98, B 0.9801");
    }

    @Test
    void storesWithoutASharedCellAreBadInput() {
        Path a = store("a");
        Path b = new StoreFixture(tmp.resolve("b")).planned("x", "fashion-mnist", "baseline", 1, 100).write().store().root();
        assertThatThrownBy(() -> StoreComparison.of(a, b, 0.005)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("share no cell");
    }

    /** SciPy: Welch 90% interval and max of the two one-sided p-values (stats.t with the Welch df). */
    @Test
    void tostMatchesSciPy() {
        Equivalence e = Equivalence.tost(new double[] {0.71, 0.72, 0.74}, new double[] {0.70, 0.73, 0.72}, 0.03);
        assertThat(e.delta()).isCloseTo(0.006666666666666599, within(1e-15));
        assertThat(e.ciLow()).isCloseTo(-0.01992213425176475, within(1e-12 * 0.02));
        assertThat(e.ciHigh()).isCloseTo(0.033255467585097946, within(1e-12 * 0.033));
        assertThat(e.p()).isCloseTo(0.0673509676594834, within(1e-9 * 0.067));
        assertThat(e.verdict()).isEqualTo(Equivalence.Verdict.INCONCLUSIVE);
        assertThat(Equivalence.tost(new double[] {0.71, 0.72, 0.74}, new double[] {0.70, 0.73, 0.72}, 0.05).verdict())
                .isEqualTo(Equivalence.Verdict.EQUIVALENT);
        assertThat(Equivalence.tost(new double[] {0.81, 0.82, 0.84}, new double[] {0.70, 0.73, 0.72}, 0.02).verdict())
                .isEqualTo(Equivalence.Verdict.DIFFERENT);
    }
}
