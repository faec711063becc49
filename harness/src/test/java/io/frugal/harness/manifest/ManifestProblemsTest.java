package io.frugal.harness.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of bad input, through the CLI: each problem at its exact FILE:LINE:COL and pointer,
 * exit 2 from both validate and plan, and nothing written next to the manifest.
 */
class ManifestProblemsTest {
    /** A valid manifest: 2 experiments x 2 datasets x 2 seeds. Tests break one line of it. */
    static final String VALID = """
            name: t
            defaults:
              epochs: 10
              batch_size: 32
              model: {name: hvc, width: 0.25}
              resources: {gpus: 0, cpus: 1}
            datasets: [mnist, cifar10]
            seeds: [1, 2]
            experiments:
              - id: base
                schedule: {type: full}
              - id: step
                schedule: {type: step, start_fraction: 0.5, full_from: 0.5}
            profiles:
              smoke: {epochs: 2, train_limit: 100, seeds: [1]}
            """;

    @TempDir
    Path dir;

    /** Runs validate and plan on {@code text}; returns validate's problem lines after checking the rest. */
    private List<String> problems(String text, String... options) {
        Path m = Cli.write(dir, "m.yaml", text);
        List<String> before = Cli.tree(dir);
        String[] validate = concat(new String[] {"validate", m.toString()}, options);
        Cli v = Cli.run(validate);
        Cli p = Cli.run(concat(new String[] {"plan", m.toString()}, options));
        assertThat(v.code).as(v.err).isEqualTo(2);
        assertThat(p.code).as(p.err).isEqualTo(2);
        assertThat(v.out).isEmpty();
        assertThat(p.out).isEmpty();
        assertThat(p.err).isEqualTo(v.err);
        assertThat(Cli.tree(dir)).isEqualTo(before);
        List<String> lines = new ArrayList<>(v.err.lines().toList());
        assertThat(lines.remove(lines.size() - 1)).isEqualTo("frugal: " + (lines.size() == 1 ? "1 problem" : lines.size() + " problems")
                + ", nothing was written");
        return lines.stream().map(l -> l.replace(m.toString(), "m.yaml")).toList();
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static String breaking(String line, String replacement) {
        assertThat(VALID).contains(line);
        return VALID.replace(line, replacement);
    }

    @Test
    void theValidManifestIsValid() {
        Path m = Cli.write(dir, "m.yaml", VALID);
        Cli v = Cli.run("validate", m.toString());
        assertThat(v.code).as(v.err).isZero();
        assertThat(v.out).isEqualTo("OK: 8 runs\n");
        assertThat(Cli.run("validate", m.toString(), "--profile", "smoke").out).isEqualTo("OK: 4 runs\n");
    }

    /**
     * Run dependencies ({@code needs}) that cannot be resolved are located problems like any other:
     * an unknown experiment, a role the run's kind does not take (the classifier needs no runs),
     * a needed run the grid lacks, and a cycle.
     */
    @Test
    void needsThatCannotBeResolved() {
        assertThat(problems(breaking("  - id: step\n", "  - id: step\n    needs: {prior: nothing}\n"))).containsExactly(
                "m.yaml:13:13: /experiments/1/needs/prior: unknown experiment 'nothing' (known: base, step)");
        assertThat(problems(breaking("  - id: step\n", "  - id: step\n    needs: {prior: base}\n"))).containsExactly(
                "m.yaml:13:13: /experiments/1/needs/prior: trainer 'classifier' takes no input 'prior' (it needs no other runs)");
        assertThat(problems(breaking("  - id: step\n", "  - id: step\n    needs: {prior: {experiment: base, seed: 7}}\n")))
                .containsExactly("m.yaml:13:13: /experiments/1/needs/prior: trainer 'classifier' takes no input 'prior' (it needs no other runs)");
        assertThat(problems(breaking("  - id: step\n", "  - id: step\n    needs: {prior: step}\n"))).containsExactly(
                "m.yaml:13:13: /experiments/1/needs/prior: the needs form a cycle: step -> step");
        assertThat(problems(breaking("  - id: step\n", "  - id: step\n    needs: {prior: [base]}\n"))).containsExactly(
                "m.yaml:13:13: /experiments/1/needs/prior: must name an experiment, or be {experiment, dataset, seed}, got a list");
    }

    @Test
    void unknownTopLevelKey() {
        assertThat(problems(VALID + "colour: red\n")).singleElement().asString()
                .startsWith("m.yaml:16:1: /colour: unknown key 'colour' (known here: baseline, datasets,");
    }

    @Test
    void unknownNestedKeyIsReportedOnceAtItsKeyThoughEveryRunHasIt() {
        assertThat(problems(breaking("{name: hvc, width: 0.25}", "{name: hvc, widht: 0.25}"))).containsExactly(
                "m.yaml:5:22: /defaults/model/widht: unknown key 'widht' (known here: name, width)");
    }

    @Test
    void wrongType() {
        assertThat(problems(breaking("epochs: 10", "epochs: ten"))).containsExactly(
                "m.yaml:3:3: /defaults/epochs: must be a whole number, got string \"ten\"");
    }

    @Test
    void fractionsOutsideZeroToOne() {
        assertThat(problems(breaking("start_fraction: 0.5", "start_fraction: 1.5"))).containsExactly(
                "m.yaml:13:28: /experiments/1/schedule/start_fraction: must be in (0, 1], got 1.5");
        assertThat(problems(breaking("full_from: 0.5", "full_from: 0"))).containsExactly(
                "m.yaml:13:49: /experiments/1/schedule/full_from: must be in (0, 1], got 0");
    }

    @Test
    void nonPositiveEpochsAndBatchSize() {
        assertThat(problems(breaking("epochs: 10\n  batch_size: 32", "epochs: 0\n  batch_size: -4"))).containsExactly(
                "m.yaml:3:3: /defaults/epochs: must be positive, got 0",
                "m.yaml:4:3: /defaults/batch_size: must be positive, got -4");
    }

    @Test
    void unknownDataset() {
        assertThat(problems(breaking("[mnist, cifar10]", "[mnist, imagenet]"))).containsExactly(
                "m.yaml:7:19: /datasets/1: unknown dataset 'imagenet' (known: " + String.join(", ", io.frugal.core.kind.TrainerKinds.allDatasets()) + ")");
    }

    @Test
    void sectionsThatDoNotCoverTheRun() {
        assertThat(problems(breaking("{type: step, start_fraction: 0.5, full_from: 0.5}",
                "{type: piecewise, sections: [{until: 0.5, fraction: 0.5}, {until: 0.9, fraction: 1}]}"))).containsExactly(
                "m.yaml:13:33: /experiments/1/schedule/sections: sections do not cover the run: the last one ends at 0.9 of training, not at 1");
    }

    @Test
    void sectionsThatRoundToNoEpochUnderAProfile() {
        String text = breaking("{type: step, start_fraction: 0.5, full_from: 0.5}", "{type: increment, parts: 10}");
        assertThat(Cli.run("validate", Cli.write(dir, "ok.yaml", text).toString()).code).isZero();
        assertThat(problems(text, "--profile", "smoke")).containsExactly(
                "m.yaml:13:5: /experiments/1/schedule: section 1 of 10 (until 0.1) gets no epoch when the run has 2 epochs; use at least 10 epochs");
    }

    @Test
    void duplicateExperimentIds() {
        assertThat(problems(breaking("- id: step", "- id: base"))).containsExactly(
                "m.yaml:12:5: /experiments/1/id: duplicate experiment id 'base' (first at line 10)");
    }

    @Test
    void duplicateSeeds() {
        assertThat(problems(breaking("seeds: [1, 2]", "seeds: [1, 2, 1]"))).containsExactly(
                "m.yaml:8:15: /seeds/2: duplicate seed 1 (already at /seeds/0, line 8)");
    }

    @Test
    void unknownProfile() {
        assertThat(problems(VALID, "--profile", "smok")).containsExactly(
                "--profile:1:1: /profiles: unknown profile 'smok' (known: smoke)");
    }

    @Test
    void unknownOverrideKeysAtTheirSetOption() {
        List<String> p = problems(VALID, "--set", "epochs=3", "--set", "epoch=3", "--set", "model.depth=3");
        assertThat(p).hasSize(2);
        // the known keys are every trainer kind's and the common ones, in name order: the list grows with the kinds
        assertThat(p.get(0)).startsWith("--set:2:1: /epoch: unknown key 'epoch' (known: ")
                .contains("batch_size, ").contains(", epochs, ").contains(", resources, ").contains(", threads, ")
                .doesNotContain("inputs").endsWith(")");
        assertThat(p.get(1)).isEqualTo("--set:3:1: /model/depth: unknown key 'depth' (known here: name, width)");
    }

    @Test
    void badOverrideValuesPointIntoTheArgument() {
        assertThat(problems(VALID, "--set", "seeds=[1,-2]", "--set", "epochs=[1", "--set", "batch_size", "--set", "epochs=0"))
                .containsExactly(
                        "--set:1:10: /seeds/1: a seed must not be negative, got -2",
                        "--set:2:10: /: syntax error: expected ',' or ']', but got <stream end> (while parsing a flow sequence)",
                        "--set:3:1: /batch_size: expected key=value, got 'batch_size'",
                        "--set:4:1: /epochs: must be positive, got 0");
    }

    @Test
    void aProfileValueIsBlamedOnTheProfile() {
        assertThat(problems(breaking("train_limit: 100", "train_limit: 0"), "--profile", "smoke")).containsExactly(
                "m.yaml:15:22: /profiles/smoke/train_limit: must be positive, got 0");
    }

    @Test
    void aMissingKeyIsReportedAtTheExperiment() {
        assertThat(problems(breaking("    schedule: {type: full}\n", ""))).containsExactly(
                "m.yaml:10:5: /experiments/0/schedule: is required");
    }

    @Test
    void gridKeysCannotBeSetInALayer() {
        assertThat(problems(breaking("  epochs: 10\n", "  epochs: 10\n  dataset: mnist\n"))).containsExactly(
                "m.yaml:4:3: /defaults/dataset: datasets are listed in the top-level 'datasets' "
                        + "(an experiment or profile may give its own 'datasets' list)");
    }

    @Test
    void emptyGrids() {
        assertThat(problems(breaking("datasets: [mnist, cifar10]", "datasets: []"))).containsExactly(
                "m.yaml:7:1: /datasets: must be a non-empty list of datasets, got an empty list");
        assertThat(problems(VALID + "matrix: {optimizer.lr: []}\n")).containsExactly(
                "m.yaml:16:10: /matrix/optimizer.lr: must be a non-empty list of values, got an empty list");
        assertThat(problems(VALID, "--set", "datasets=[]")).containsExactly(
                "--set:1:1: /datasets: must be a non-empty list of datasets, got an empty list");
        assertThat(problems("name: t\ndatasets: [mnist]\nseeds: [1]\nexperiments: []\n")).containsExactly(
                "m.yaml:4:1: /experiments: must be a non-empty list of experiments, got an empty list");
        assertThat(problems(breaking("  - id: step\n", "  - id: step\n    seeds: [2]\n"), "--profile", "smoke")).containsExactly(
                "m.yaml:13:5: /experiments/1/seeds: experiment 'step' has no runs: none of its seeds [2] is among the seeds planned [1]");
    }

    @Test
    void aMatrixAxisCannotAlsoBeSetElsewhere() {
        assertThat(problems(VALID + "matrix: {model.width: [0.25, 0.5]}\n")).containsExactly(
                "m.yaml:5:22: /defaults/model/width: is a matrix axis (/matrix/model.width); its values come from there");
    }

    @Test
    void syntaxErrorsAndDuplicateKeys() {
        assertThat(problems(VALID + "seeds: [3]\n")).containsExactly(
                "m.yaml:16:1: /seeds: duplicate key 'seeds' (first at line 8)");
        assertThat(problems(VALID + "bad: [1,\n")).containsExactly(
                "m.yaml:17:1: /: syntax error: expected the node content, but found '<stream end>' (while parsing a flow node)");
        assertThat(problems(VALID + "  - id: x\n")).containsExactly(
                "m.yaml:16:3: /: syntax error: expected <block end>, but found '-' (while parsing a block mapping)");
    }

    @Test
    void allProblemsComeSortedByLine() {
        String text = breaking("epochs: 10", "epochs: 0").replace("seeds: [1, 2]", "seeds: [1, 1]")
                .replace("name: t", "name: T") + "extra: 1\n";
        // an unknown trainer leaves its kind's keys (epochs: 0) unchecked: the trainer problem says what to fix first
        assertThat(problems(text, "--set", "trainer=svm")).containsExactly(
                "m.yaml:1:1: /name: must match [a-z0-9._-]+, at most 100 characters, not only dots (it names the output folder out/NAME), got 'T'",
                "m.yaml:8:12: /seeds/1: duplicate seed 1 (already at /seeds/0, line 8)",
                "m.yaml:16:1: /extra: unknown key 'extra' (known here: baseline, datasets, defaults, description, experiments, "
                        + "matrix, name, profiles, seeds, source)",
                "--set:1:1: /trainer: must be one of " + String.join(", ", io.frugal.core.kind.TrainerKinds.names()) + ", got 'svm'");
    }

    @Test
    void aMissingManifestOrAnUnknownFormatIsBadInput() {
        Path missing = dir.resolve("nope.yaml");
        Cli v = Cli.run("validate", missing.toString());
        assertThat(v.code).isEqualTo(2);
        assertThat(v.err).isEqualTo("frugal: error: manifest not found: " + missing + "\n");
        Cli p = Cli.run("plan", Cli.write(dir, "m.toml", VALID).toString());
        assertThat(p.code).isEqualTo(2);
        assertThat(p.err).contains("unknown format; the name must end in .json, .yaml or .yml");
        assertThat(Cli.tree(dir)).containsExactly("", "m.toml");
    }
}
