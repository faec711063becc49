package io.frugal.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.frugal.core.store.Json;
import io.frugal.methods.rela.ByolStepTiming;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code frugal bench hvc} (and byol) end to end on a narrow network and one timed step: what it
 * prints and records, and that the Python peer trains the same network (same number of trained
 * values, else the command fails); the other benches on small settings. No timing is asserted.
 */
class BenchCommandTest {
    private static final String[] BASE = {"bench", "hvc", "--width", "0.25", "--warmup", "0", "--steps", "1", "--threads", "2"};
    private static final String[] SMALL = with(BASE, "--repeats", "1");

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.execute(new PrintWriter(out), new PrintWriter(err), args);
    }

    private static String[] with(String[] base, String... more) {
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void withoutThePeerPrintsTheTableAndAppendsItWithTheCommand() throws Exception {
        Path record = tmp.resolve("B.md");
        int code = run(with(SMALL, "--dataset", "mnist", "--no-peer", "--output", record.toString()));
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("peer skipped: the peer was turned off (--no-peer)")
                .containsPattern("\\| mnist \\(1x28x28\\) +\\| +0\\.25 \\| +120 \\| +2 \\| +\\d+ \\| +[0-9.]+ \\| +skipped \\| +- \\|");
        String text = Files.readString(record);
        assertThat(text).contains("## HVC training throughput", "- command: `frugal bench hvc --width 0.25", "mnist (1x28x28)",
                "- machine: ", "- load average");
    }

    @Test
    void aMissingPythonSkipsThePeerWithTheReason() {
        int code = run(with(SMALL, "--dataset", "mnist", "--python", tmp.resolve("no-python").toString(), "--no-record"));
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("peer skipped: " + tmp.resolve("no-python") + " cannot be run");
    }

    @Test
    void thePeerTrainsTheSameNetworkForBothShapesAndIsComparedAsARatio() throws Exception {
        assumeTrue(pythonHasTorch(), "/usr/bin/python3 with torch (python3-torch) is not installed");
        int code = run(with(SMALL, "--dataset", "mnist,cifar10", "--no-record"));
        assertThat(code).as(out + "\n" + err).isZero();
        assertThat(out.toString()).doesNotContain("skipped")
                .containsPattern("\\| mnist \\(1x28x28\\) .*\\| +[0-9.]+ \\| +[0-9.]+ \\| +[0-9.]+ \\|")
                .containsPattern("\\| cifar10 \\(3x32x32\\) .*\\| +[0-9.]+ \\| +[0-9.]+ \\| +[0-9.]+ \\|");
    }

    @Test
    void badSettingsAreRejectedBeforeAnythingRunsOrIsWritten() {
        Path record = tmp.resolve("B.md");
        assertThat(run(with(BASE, "--dataset", "mnist", "--repeats", "0", "--output", record.toString()))).isEqualTo(Main.BAD_INPUT);
        assertThat(err.toString()).contains("--repeats must be positive, got 0");
        assertThat(run(with(SMALL, "--dataset", "imagenet", "--output", record.toString()))).isEqualTo(Main.BAD_INPUT);
        assertThat(err.toString()).contains("unknown dataset 'imagenet'");
        assertThat(run("bench", "hvc", "--dataset", "mnist", "--width", "-1", "--output", record.toString())).isEqualTo(Main.BAD_INPUT);
        assertThat(err.toString()).contains("--width must be positive");
        assertThat(record).doesNotExist();
    }

    private static boolean pythonHasTorch() throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/python3"))) return false;
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import torch").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    @Test
    void memoryRecordsResidentSetPerEpochOfARealTrainerProcess() throws Exception {
        assumeTrue(io.frugal.methods.data.DatasetLocator.system().search("fashion-mnist").found().isPresent(), "fashion-mnist is not installed");
        Path record = tmp.resolve("B.md");
        int code = run("bench", "memory", "--width", "0.25", "--epochs", "3", "--train-images", "240", "--test-images", "60",
                "--threads", "2", "--output", record.toString());
        assertThat(code).as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains("epoch 1: resident at most ", "epoch 3: resident at most ")
                .containsPattern("\\| fashion-mnist \\| +0\\.25 \\| +3 \\| +240 \\| +[0-9.]+ \\| +[0-9.]+ \\| +[-+][0-9.]+% \\| +[0-9.]+ \\|");
        assertThat(Files.readString(record)).contains("## Trainer memory", "- largest resident MiB per epoch: ");
    }

    @Test
    void memoryRejectsTooFewEpochsAndMissingDatasetsBeforeStartingATrainer() {
        Path record = tmp.resolve("B.md");
        assertThat(run("bench", "memory", "--epochs", "1", "--output", record.toString())).isEqualTo(Main.BAD_INPUT);
        assertThat(err.toString()).contains("--epochs must be at least 2");
        assumeTrue(io.frugal.methods.data.DatasetLocator.system().search("smallnorb").found().isEmpty(), "smallnorb is installed here");
        assertThat(run("bench", "memory", "--dataset", "smallnorb", "--output", record.toString())).isEqualTo(Main.BAD_INPUT);
        assertThat(err.toString()).contains("dataset 'smallnorb' is not installed");
        assertThat(record).doesNotExist();
    }

    @Test
    void pipelineTimesTheTrainersBatchAssemblyOnARealDatasetAgainstItsStep() throws Exception {
        assumeTrue(io.frugal.methods.data.DatasetLocator.system().search("fashion-mnist").found().isPresent(), "fashion-mnist is not installed");
        Path record = tmp.resolve("B.md");
        int code = run("bench", "pipeline", "--width", "0.25", "--warmup", "0", "--steps", "1", "--repeats", "1", "--threads", "2",
                "--output", record.toString());
        assertThat(code).as(out + "\n" + err).isZero();
        assertThat(out.toString()).containsPattern("\\| fashion-mnist \\| +60000 \\| +0\\.25 \\| +[0-9.]+ \\| +[0-9.]+ \\| +[0-9.]+ \\| +[0-9.]+ % \\|");
        assertThat(Files.readString(record)).contains("## Data pipeline overhead");
    }

    @Test
    void runtimeTrainsEachExperimentOnceAndComparesItsTimeRatioWithItsEvaluationRatio() throws Exception {
        assumeTrue(io.frugal.methods.data.DatasetLocator.system().search("fashion-mnist").found().isPresent(), "fashion-mnist is not installed");
        Path record = tmp.resolve("B.md");
        Path manifest = tmp.resolve("small.yaml");
        Files.writeString(manifest, """
                name: small
                defaults:
                  trainer: classifier
                  model: {name: hvc, width: 0.25}
                  epochs: 4
                  batch_size: 120
                  train_limit: 480
                  test_limit: 60
                datasets: [fashion-mnist]
                seeds: [1, 2]
                baseline: baseline
                experiments:
                  - id: baseline
                    schedule: {type: full}
                  - id: step-E7
                    schedule:
                      type: piecewise
                      sections: [{until: 0.25, fraction: 0.75}, {until: 1.0, fraction: 1.0}]
                """);
        int code = run("bench", "runtime", manifest.toString(), "--experiments", "baseline,step-E7", "--set", "train_limit=240",
                "--threads", "2", "--output", record.toString());
        assertThat(code).as(out + "\n" + err).isZero();
        // step-E7 on 4 epochs: 0.75 of the data for the first epoch, all of it for 3: 900 of 960 evaluations
        assertThat(out.toString()).contains("baseline (repeat 1): ", "step-E7 (repeat 1): ")
                .containsPattern("\\| baseline +\\| +960 \\| +1\\.0000 \\| [0-9.]+ +\\| 1\\.000 +\\| +1\\.000 \\| +1\\.000 \\|")
                .containsPattern("\\| step-E7 +\\| +900 \\| +0\\.9375 \\| [0-9.]+ +\\| [0-9.]+ +\\| +[0-9.]+ \\| +[0-9.]+ \\|");
        assertThat(Files.readString(record)).contains("## Runtime follows evaluations", "train_limit=240");
    }

    @Test
    void runtimeRejectsUnknownExperimentsAndBadSettingsBeforeTrainingAnything() {
        Path record = tmp.resolve("B.md");
        assertThat(run("bench", "runtime", "--experiments", "baseline,step-E9", "--output", record.toString())).isEqualTo(Main.BAD_INPUT);
        assertThat(err.toString()).contains("no experiment 'step-E9'", "cut-k9");
        assertThat(run("bench", "runtime", "--experiments", "step-E3,baseline", "--output", record.toString())).isEqualTo(Main.BAD_INPUT);
        assertThat(err.toString()).contains("must start with the manifest's baseline 'baseline'");
        assertThat(run("bench", "runtime", "--repeats", "0", "--output", record.toString())).isEqualTo(Main.BAD_INPUT);
        assertThat(err.toString()).contains("--repeats must be positive");
        assertThat(run("bench", "runtime", "--set", "epochs=zero", "--output", record.toString())).isEqualTo(Main.BAD_INPUT);
        assertThat(run("bench", "runtime", tmp.resolve("missing.yaml").toString(), "--output", record.toString())).isEqualTo(Main.BAD_INPUT);
        assertThat(err.toString()).contains("missing.yaml");
        assertThat(record).doesNotExist();
    }

    @Test
    void harnessPlansWritesAndReportsAGeneratedStoreStageByStage() throws Exception {
        Path record = tmp.resolve("B.md");
        int code = run("bench", "harness", "--runs", "10", "--output", record.toString());
        assertThat(code).as(out + "\n" + err).isZero();
        assertThat(out.toString()).containsPattern("\\| plan 10 runs +\\| +[0-9.]+ \\|")
                .containsPattern("\\| write the run store \\(config.json per run, plan.json\\) +\\| +[0-9.]+ \\|")
                .containsPattern("\\| read and aggregate the store +\\| +[0-9.]+ \\|");
        assertThat(Files.readString(record)).contains("## Harness scale", "10 runs (5 experiments × 2 seeds");
    }

    @Test
    void harnessRejectsARunCountThatIsNotAMultipleOfTheExperiments() {
        Path record = tmp.resolve("B.md");
        assertThat(run("bench", "harness", "--runs", "7", "--output", record.toString())).isEqualTo(Main.BAD_INPUT);
        assertThat(err.toString()).contains("--runs must be a positive multiple of 5");
        assertThat(run("bench", "harness", "--runs", "0", "--output", record.toString())).isEqualTo(Main.BAD_INPUT);
        assertThat(record).doesNotExist();
    }

    @Test
    void byolRejectsBadSettingsBeforeAnythingRunsOrIsWritten() {
        Path record = tmp.resolve("B.md");
        String output = record.toString();
        assertThat(run("bench", "byol", "--pairs", "0", "--output", output)).isEqualTo(Main.BAD_INPUT);
        assertThat(err.toString()).contains("--pairs must be positive, got 0");
        assertThat(run("bench", "byol", "--width", "0", "--output", output)).isEqualTo(Main.BAD_INPUT);
        assertThat(err.toString()).contains("--width must be in (0, 16], got 0.0");
        assertThat(run("bench", "byol", "--batch", "1", "--output", output)).isEqualTo(Main.BAD_INPUT);
        assertThat(err.toString()).contains("--batch must be at least 2");
        assertThat(run("bench", "byol", "--peer-onednn", "maybe", "--output", output)).isEqualTo(Main.BAD_INPUT);
        assertThat(err.toString()).contains("--peer-onednn must be one of off, on, both, got 'maybe'");
        assertThat(run("bench", "byol", "--target-images", "50000,1", "--output", output)).isEqualTo(Main.BAD_INPUT);
        assertThat(err.toString()).contains("--target-images must each be at least 2");
        assertThat(run("bench", "byol", "--no-step", "--target-images", "0", "--output", output)).isEqualTo(Main.BAD_INPUT);
        assertThat(err.toString()).contains("nothing to run");
        assertThat(record).doesNotExist();
    }

    @Test
    void byolsPeerBuildsTheTrainersNetworksValueForValue() throws Exception {
        assumeTrue(pythonHasTorch(), "/usr/bin/python3 with torch (python3-torch) is not installed");
        // 0.0390625: 64·w = 2.5, where Java's Math.round (3) and Python's round (2) differ
        for (double width : new double[] {1.0, 0.25, 0.3, 0.0390625}) {
            long[] frugal = ByolStepTiming.trainedValues(3, width);
            Process p = new ProcessBuilder("/usr/bin/python3", BenchCommand.peerScript("byol_train.py").toString(), "--threads", "1",
                    "--width", Double.toString(width), "--count-only").redirectErrorStream(true).start();
            String line = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(line).isZero();
            var peer = Json.parse(line);
            assertThat(peer.path("parameters").asLong()).as("online values at width " + width).isEqualTo(frugal[0]);
            assertThat(peer.path("target_parameters").asLong()).as("target values at width " + width).isEqualTo(frugal[1]);
        }
        // the published ResNet-18 (11 168 832) + projector 512 -> 1024 -> 256 (789 760) + predictor 256 -> 1024 -> 256 (527 616)
        assertThat(ByolStepTiming.trainedValues(3, 1.0)).containsExactly(12_486_208L, 11_958_592L);
    }

    @Test
    void byolPrintsAndRecordsItsStepPairsAndItsTargetStage() throws Exception {
        assumeTrue(pythonHasTorch(), "/usr/bin/python3 with torch (python3-torch) is not installed");
        Path record = tmp.resolve("B.md");
        int code = run("bench", "byol", "--width", "0.0625", "--batch", "8", "--warmup", "0", "--pairs", "1", "--threads", "2",
                "--peer-onednn", "off", "--target-images", "40", "--output", record.toString());
        assertThat(code).as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains("pair 1/1, peer (mkldnn off) ")
                .containsPattern("\\| ResNet-18 \\(CIFAR stem\\) w 0\\.0625, 3x32x32, two views \\| 8 \\| 2 \\| \\d+ / \\d+ \\| [0-9.]+ \\| [0-9.]+ \\| [0-9.]+ \\| [0-9.]+ \\| [0-9.]+ \\| [0-9.]+ \\|")
                .containsPattern("\\| 40 \\| ResNet-18 \\(CIFAR stem\\) w 0\\.0625 \\| 32 \\| [0-9.]+ \\| [0-9.]+ \\| [0-9.]+ \\| [0-9.]+ \\| \\d+ \\| [0-9.]+ \\|")
                .contains("EXTRAPOLATED, not measured: 50000 images");
        assertThat(Files.readString(record)).contains("## BYOL training step and targets", "- command: `frugal bench byol --width 0.0625",
                "- load average", "bench/peers/byol_train.py", "mkldnn off");
    }

    @Test
    void byolWithoutThePeerStillTimesTheStep() {
        int code = run("bench", "byol", "--width", "0.0625", "--batch", "4", "--warmup", "0", "--pairs", "1", "--threads", "2", "--no-peer",
                "--target-images", "0", "--no-record");
        assertThat(code).as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains("peer skipped: the peer was turned off (--no-peer)")
                .containsPattern("\\| ResNet-18 \\(CIFAR stem\\) w 0\\.0625, 3x32x32, two views \\| 4 \\| 2 \\| \\d+ / \\d+ \\| [0-9.]+ \\| [0-9.]+ \\| [0-9.]+ \\|");
    }
}
