package io.frugal.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.frugal.analysis.store.RunStoreReader;
import io.frugal.core.kind.MetricSchema;
import io.frugal.core.kind.TrainerKinds;
import io.frugal.core.store.Plan;
import io.frugal.core.store.PlannedRun;
import io.frugal.core.store.RunStore;
import io.frugal.harness.manifest.Cli;
import io.frugal.harness.plan.PlanWriter;
import io.frugal.harness.plan.Planner;
import io.frugal.reproducibility.claims.Claim;
import io.frugal.reproducibility.claims.ClaimKind;
import io.frugal.reproducibility.claims.ClaimReader;
import io.frugal.reproducibility.claims.ClaimSet;
import io.frugal.reproducibility.verify.Verification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quickstart of the three papers, without training: each quickstart manifest plans and is
 * named by its paper; every built-in claim names cells and a quantity that some manifest of the
 * repository produces (a claim no store can answer is dead weight, and a renamed metric or
 * experiment would make it silently "not covered"); and each quickstart store's reproduction
 * report lists every way its runs differ from the paper's manifest.
 */
class QuickstartClaimsTest {
    private static final Path MANIFESTS = Cli.repoManifest("quickstart.yaml").getParent();
    private static final List<ClaimSet> CLAIMS = ClaimReader.builtIn();
    /** What every run's result holds, whatever its kind (the claims' common quantities). */
    private static final Set<String> COMMON = Set.of("train_seconds", "eval_seconds", "wall_seconds", "evaluations", "evaluation_ratio",
            "energy_kwh", "co2_kg");
    /** The paper's manifest of each quickstart: the one its baseline experiment comes from. */
    private static final Map<String, String> PAPER_MANIFEST = Map.of("quickstart", "data-reduction.yaml", "quickstart-flow", "flow-mixture.yaml",
            "quickstart-rela", "rela.yaml");
    /** Config keys that are not a setting of the experiment: the grid's coordinates, where it runs, its schedule. */
    private static final Set<String> NOT_SETTINGS = Set.of("experiment", "dataset", "seed", "trainer", "inputs", "matrix", "threads", "note",
            "schedule", // the baseline's schedule is full training however a manifest spells it
            "checkpoint_every", "eval_every"); // how often a run saves and logs, not what it computes

    @TempDir
    Path tmp;

    @Test
    void eachQuickstartManifestPlansAndIsNamedByItsPaper() throws IOException {
        var found = QuickstartCommand.discover(MANIFESTS, CLAIMS);
        Map<String, String> stemByPaper = new TreeMap<>();
        for (var q : found) {
            Plan plan = Planner.plan(q.manifest(), null, List.of());
            assertThat(plan.runs()).as(q.stem()).isNotEmpty();
            assertThat(plan.baseline()).as(q.stem() + " has a baseline the report compares with").isNotNull();
            stemByPaper.put(q.paper(), q.stem());
        }
        assertThat(stemByPaper).containsEntry("data-reduction", "quickstart").containsEntry("flow", "quickstart-flow")
                .containsEntry("rela", "quickstart-rela");
        Cli help = Cli.run("quickstart", "--help");
        assertThat(help.code).isZero();
        assertThat(help.out).contains("data-reduction").contains("flow").contains("rela");
    }

    @Test
    void everyClaimNamesCellsAndAQuantityThatSomeManifestProduces() throws IOException {
        List<Plan> plans = allPlans();
        List<String> dead = new ArrayList<>();
        for (ClaimSet set : CLAIMS) {
            for (Claim c : set.claims()) {
                List<String> why = new ArrayList<>();
                boolean answered = plans.stream().anyMatch(p -> answers(p, c, why));
                if (!answered) dead.add(set.paper() + "/" + c.id() + ": " + (why.isEmpty() ? "no manifest has a cell it names" : why.get(0)));
            }
        }
        assertThat(dead).as("claims that no manifest's store could answer").isEmpty();
    }

    @Test
    void eachQuickstartStoreListsEveryWayItDiffersFromThePapersManifest() throws IOException {
        for (var q : QuickstartCommand.discover(MANIFESTS, CLAIMS)) {
            Plan plan = Planner.plan(q.manifest(), null, List.of());
            Path out = tmp.resolve(q.stem());
            PlanWriter.write(new RunStore(out), plan);
            Verification v = Verification.of(RunStoreReader.read(out), CLAIMS, List.of());
            List<String> deviations = v.deviations().get(q.paper());
            assertThat(deviations).as(q.stem() + " deviations").isNotNull();
            Plan paper = Planner.plan(MANIFESTS.resolve(PAPER_MANIFEST.get(q.stem())), null, List.of());
            PlannedRun ours = plan.runs().stream().filter(r -> r.experiment().equals(plan.baseline())).findFirst().orElseThrow();
            PlannedRun theirs = paper.runs().stream().filter(r -> r.experiment().equals(plan.baseline())).findFirst().orElseThrow();
            Map<String, String> a = flat(ours.config()), b = flat(theirs.config());
            Set<String> keys = new TreeSet<>(a.keySet());
            keys.addAll(b.keySet());
            for (String k : keys) {
                if (NOT_SETTINGS.contains(k.split("\\.")[0]) || k.startsWith("resources.")) continue;
                // a key one side leaves out takes the kind's default there: not comparable from the configs alone
                if (a.get(k) == null || b.get(k) == null || same(a.get(k), b.get(k))) continue;
                assertThat(deviations.stream().anyMatch(d -> names(d, k)))
                        .as(q.stem() + ": " + k + " is " + a.get(k) + " here, " + b.get(k) + " in " + PAPER_MANIFEST.get(q.stem())
                                + ", but no deviation names it: " + deviations).isTrue();
            }
            for (String d : plan.datasets()) {
                if (paper.datasets().contains(d)) continue;
                assertThat(deviations.stream().anyMatch(x -> x.contains(d))).as(q.stem() + ": dataset " + d + " is not the paper's: " + deviations).isTrue();
            }
            for (String d : paper.datasets()) {
                if (plan.datasets().contains(d)) continue;
                assertThat(deviations.stream().anyMatch(x -> x.contains(d))).as(q.stem() + ": the paper's dataset " + d + " is not run: " + deviations).isTrue();
            }
        }
    }

    /** A deviation line names key k: in bold, it or a dotted prefix of it (rela.handover covers rela.handover.*). */
    private static boolean names(String deviation, String key) {
        String k = key;
        while (true) {
            if (deviation.contains("**" + k + "**")) return true;
            int dot = k.lastIndexOf('.');
            if (dot < 0) return false;
            k = k.substring(0, dot);
        }
    }

    private static boolean same(String a, String b) {
        if (a == null || b == null) return a == b;
        if (a.equals(b)) return true;
        try {
            return Double.parseDouble(a) == Double.parseDouble(b);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** A config as dotted key → value text (lists as their JSON). */
    private static Map<String, String> flat(JsonNode config) {
        Map<String, String> out = new LinkedHashMap<>();
        flat("", config, out);
        return out;
    }

    private static void flat(String prefix, JsonNode n, Map<String, String> out) {
        if (n.isObject()) {
            n.fields().forEachRemaining(e -> flat(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out));
        } else {
            out.put(prefix, n.isValueNode() ? n.asText() : n.toString());
        }
    }

    /** Does a store planned so answer the claim: a cell it names, its reference cell, and the quantity (and trend axis) its kind reports? */
    private static boolean answers(Plan plan, Claim c, List<String> why) {
        List<PlannedRun> cells = plan.runs().stream().filter(r -> c.cells().matches(r.dataset(), r.experiment(), r.matrixLabels())).toList();
        if (cells.isEmpty()) return false;
        for (PlannedRun r : cells) {
            MetricSchema schema = TrainerKinds.of(r.config()).metrics();
            Set<String> keys = new TreeSet<>(COMMON);
            schema.all().forEach(m -> keys.add(m.key()));
            keys.addAll(schema.resultDetails());
            if (!keys.contains(c.quantity())) {
                why.add(plan.name() + ": " + r.experiment() + " is a " + TrainerKinds.of(r.config()).name() + " run, which reports no " + c.quantity());
                continue;
            }
            if (c.kind() == ClaimKind.TREND && !r.matrixLabels().containsKey(c.axis()) && !keys.contains(c.axis())) {
                why.add(plan.name() + ": " + r.experiment() + " has no matrix axis or result field " + c.axis());
                continue;
            }
            if (c.reference() == null) return true;
            String refExperiment = c.reference().experimentFor(r.experiment(), c.cells().wildcard(r.experiment()), plan.baseline());
            boolean hasReference = plan.runs().stream().anyMatch(x -> x.experiment().equals(refExperiment) && x.dataset().equals(r.dataset()));
            if (hasReference) return true;
            why.add(plan.name() + ": " + r.experiment() + " has no reference cell " + refExperiment + " on " + r.dataset());
        }
        return false;
    }

    /** Every manifest of the repository, with its default settings and each of its profiles. */
    private static List<Plan> allPlans() throws IOException {
        List<Plan> plans = new ArrayList<>();
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try (Stream<Path> s = Files.list(MANIFESTS)) {
            for (Path m : s.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                plans.add(Planner.plan(m, null, List.of()));
                JsonNode profiles = yaml.readTree(m.toFile()).path("profiles");
                for (var it = profiles.fieldNames(); it.hasNext(); ) plans.add(Planner.plan(m, it.next(), List.of()));
            }
        }
        return plans;
    }
}
