package io.frugal.analysis.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.frugal.analysis.StoreFixture;
import io.frugal.core.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunStoreReaderTest {
    @TempDir
    Path out;

    @Test
    void aFolderWithoutPlanIsNotARunStore() {
        assertThatThrownBy(() -> RunStoreReader.read(out))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("not a frugal output folder: no plan.json")
                .hasMessageContaining(out.toString());
    }

    @Test
    void aMissingFolderOrAFileIsNotARunStore() throws IOException {
        assertThatThrownBy(() -> RunStoreReader.read(out.resolve("nope")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("nope does not exist");
        Path file = Files.writeString(out.resolve("plan.json"), "{}");
        assertThatThrownBy(() -> RunStoreReader.read(file))
                .isInstanceOf(BadInputException.class).hasMessageContaining("is not a directory");
    }

    @Test
    void aPlanThatIsNotJsonNamesFileAndLine() throws IOException {
        Files.writeString(out.resolve("plan.json"), "{\n  \"format\": 1,\n  \"runs\": [\n}");
        assertThatThrownBy(() -> RunStoreReader.read(out))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining(out.resolve("plan.json").toString())
                .hasMessageContaining("not valid JSON")
                .hasMessageContaining("line 4");
    }

    @Test
    void aPlanRunWithoutIdIsBadInputAtItsPointer() {
        StoreFixture f = new StoreFixture(out).planned("r1", "mnist", "baseline", 1, 4000);
        f.plan().withArray("runs").addObject().put("experiment", "baseline").put("dataset", "mnist").put("seed", 2)
                .put("planned_evaluations", 4000);
        f.write();
        assertThatThrownBy(() -> RunStoreReader.read(out))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("plan.json: /runs/1/id: is required");
    }

    @Test
    void aPlanFromANewerFrugalIsRefused() {
        StoreFixture f = new StoreFixture(out);
        f.plan().put("format", 2);
        f.write();
        assertThatThrownBy(() -> RunStoreReader.read(out)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("/format");
    }

    @Test
    void aRunIdThatWouldEscapeRunsIsRefused() {
        new StoreFixture(out).planned("../etc", "mnist", "baseline", 1, 4000).write();
        assertThatThrownBy(() -> RunStoreReader.read(out)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("/runs/0/id");
    }

    @Test
    void readsPlanHeaderAndMatrixInAxisOrder() {
        new StoreFixture(out).planned("r1", "mnist", "step-E1", 1, 1750, Map.of("width", 0.5, "aug", "flip")).write();
        StoreSnapshot s = RunStoreReader.read(out);
        assertThat(s.plan().manifestSha256()).isEqualTo(StoreFixture.MANIFEST_SHA);
        assertThat(s.plan().baseline()).isEqualTo("baseline");
        assertThat(s.plan().experimentIds()).containsExactly("baseline", "step-E1", "step-E2");
        assertThat(s.plan().overrides()).containsExactly("epochs=2");
        io.frugal.core.store.PlannedRun r = s.plan().runs().get(0);
        assertThat(r.matrixLabels()).containsEntry("width", "0.5").containsEntry("aug", "flip");
        assertThat(r.plannedEvaluations()).isEqualTo(1750);
    }

    @Test
    void everyRunGetsItsState() {
        new StoreFixture(out)
                .planned("done1", "mnist", "baseline", 1, 4000)
                .planned("fail1", "mnist", "baseline", 2, 4000)
                .planned("busy1", "mnist", "baseline", 3, 4000)
                .planned("idle1", "mnist", "baseline", 4, 4000)
                .planned("conf1", "mnist", "baseline", 5, 4000)
                .done("done1", 0.9, 0.91, 4000, 10, 12)
                .failed("fail1", 1, "out of memory")
                .file("busy1", "metrics.jsonl", "{\"epoch\":1}\n")
                .file("conf1", "config.json", "{}")
                .write();
        StoreSnapshot s = RunStoreReader.read(out);
        assertThat(s.runs()).extracting(RunRecord::state).containsExactly(RunState.DONE, RunState.FAILED,
                RunState.STARTED, RunState.NOT_STARTED, RunState.NOT_STARTED);
        assertThat(s.runs().get(0).result().metric("final_top1")).isEqualTo(0.9);
        assertThat(s.runs().get(1).failure().exitCode()).isEqualTo(1);
        assertThat(s.runs().get(1).failure().message()).isEqualTo("out of memory");
        assertThat(s.problems()).isEmpty();
    }

    @Test
    void aResultAfterAnEarlierFailureCountsAsDone() {
        new StoreFixture(out).planned("r1", "mnist", "baseline", 1, 4000)
                .failed("r1", 3, "preempted").done("r1", 0.9, 0.9, 4000, 10, 12).write();
        assertThat(RunStoreReader.read(out).runs().get(0).state()).isEqualTo(RunState.DONE);
    }

    @Test
    void corruptResultsAreProblemsNotCrashes() {
        new StoreFixture(out)
                .planned("trunc", "mnist", "baseline", 1, 4000)
                .planned("range", "mnist", "baseline", 2, 4000)
                .planned("other", "mnist", "baseline", 3, 4000)
                .file("trunc", "result.json", "{\"status\": \"done\", \"final_")
                .done("range", 1.5, 0.9, 4000, 10, 12)
                .done("other", 0.9, 0.9, 4000, 10, 12)
                .write();
        // A result copied from another run: the dataset does not match the plan.
        new StoreFixture(out).file("other", "result.json",
                "{\"status\":\"done\",\"run_id\":\"other\",\"dataset\":\"cifar10\",\"final_top1\":0.9,\"best_top1\":0.9,"
                        + "\"evaluations\":4000,\"train_seconds\":1,\"wall_seconds\":2}");
        StoreSnapshot s = RunStoreReader.read(out);
        assertThat(s.runs()).extracting(RunRecord::state).containsOnly(RunState.CORRUPT);
        assertThat(s.problems()).hasSize(3);
        assertThat(s.problems().get(0)).startsWith("run trunc: result.json not valid JSON");
        assertThat(s.problems().get(1)).contains("run range").contains("/final_top1: must be in [0, 1], got 1.5");
        assertThat(s.problems().get(2)).contains("run other").contains("/dataset").contains("mnist");
    }

    @Test
    void runDirectoriesOutsideThePlanAreReportedNotRead() {
        new StoreFixture(out).planned("r1", "mnist", "baseline", 1, 4000).done("r1", 0.9, 0.9, 4000, 10, 12)
                .done("r1", 0.9, 0.9, 4000, 10, 12).write();
        new StoreFixture(out).file("oldrun", "result.json", "{}");
        StoreSnapshot s = RunStoreReader.read(out);
        assertThat(s.runs()).hasSize(1);
        assertThat(s.problems()).singleElement().asString().contains("1 run directory is not in plan.json").contains("oldrun");
    }

    @Test
    void collectsCodeVersionsOfDoneRunsAndFlagsAMix() {
        new StoreFixture(out)
                .planned("r1", "mnist", "baseline", 1, 4000).planned("r2", "mnist", "baseline", 2, 4000)
                .done("r1", 0.9, 0.9, 4000, 10, 12).done("r2", 0.9, 0.9, 4000, 10, 12)
                .file("r1", "provenance.json", "{\"code_version\": \"abc123\"}")
                .file("r2", "provenance.json", "{\"code\": {\"commit\": \"def456\"}}")
                .write();
        StoreSnapshot s = RunStoreReader.read(out);
        assertThat(s.codeVersions()).containsExactly("abc123", "def456");
        assertThat(s.problems()).singleElement().asString().contains("2 different code versions");
    }

    @Test
    void doneRunsCarryTheirSlurmAccounting() {
        new StoreFixture(out).planned("a", "mnist", "baseline", 1, 4000).planned("b", "mnist", "baseline", 2, 4000)
                .planned("c", "mnist", "baseline", 3, 4000)
                .done("a", 0.9, 0.9, 4000, 10, 12).slurm("a", 1, 40, 95, 7)
                .done("b", 0.9, 0.9, 4000, 10, 12)
                // a failed run's accounting (never written by the harness, but possible by hand) is not read
                .failed("c", 1, "boom").slurm("c", 0, 5, 5, 1)
                .write();
        StoreSnapshot s = RunStoreReader.read(out);
        assertThat(s.runs().get(0).accounting()).isEqualTo(new ClusterAccounting("4242_0", 1, 40, 95, 7));
        assertThat(s.runs().get(1).accounting()).isNull();
        assertThat(s.runs().get(2).accounting()).isNull();
        assertThat(s.problems()).isEmpty();
    }

    @Test
    void aDamagedSlurmJsonIsAProblemAndTheRunStaysDone() {
        new StoreFixture(out).planned("trunc", "mnist", "baseline", 1, 4000).planned("neg", "mnist", "baseline", 2, 4000)
                .planned("sum", "mnist", "baseline", 3, 4000)
                .done("trunc", 0.9, 0.9, 4000, 10, 12).file("trunc", "slurm.json", "{\"job_id\": \"1_0\", \"rest")
                .done("neg", 0.9, 0.9, 4000, 10, 12).slurm("neg", -1, 40, 95, 7)
                .done("sum", 0.9, 0.9, 4000, 10, 12).slurm("sum", 0, 40, 30, 7)
                .write();
        StoreSnapshot s = RunStoreReader.read(out);
        assertThat(s.runs()).allSatisfy(r -> {
            assertThat(r.isDone()).isTrue();
            assertThat(r.accounting()).isNull();
        });
        assertThat(s.problems()).hasSize(3);
        assertThat(s.problems().get(0)).startsWith("run trunc: slurm.json not valid JSON").endsWith("(its SLURM accounting left out)");
        assertThat(s.problems().get(1)).startsWith("run neg: slurm.json").contains("/restarts");
        assertThat(s.problems().get(2)).startsWith("run sum: slurm.json").contains("less than the final attempt's 40");
    }

    @Test
    void readPlanChecksTheStoreWithoutReadingRuns() {
        assertThatThrownBy(() -> RunStoreReader.readPlan(out)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("no plan.json");
        new StoreFixture(out).planned("a", "mnist", "baseline", 1, 4000).write();
        assertThat(RunStoreReader.readPlan(out).runs()).hasSize(1);
    }
}
