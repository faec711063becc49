package io.frugal.harness.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.frugal.analysis.store.RunStoreReader;
import io.frugal.core.BadInputException;
import io.frugal.methods.data.DatasetLocator;
import io.frugal.reproducibility.DigestCache;
import io.frugal.reproducibility.audit.TamperCheck;
import io.frugal.reproducibility.claims.ClaimReader;
import io.frugal.reproducibility.claims.ClaimSet;
import io.frugal.reproducibility.verify.ReproductionReport;
import io.frugal.reproducibility.verify.Verification;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code frugal quickstart [NAME]}: small real reproductions on this machine, one per quickstart
 * manifest (manifests/quickstart*.yaml, in name order): each runs on the local executor into its
 * own folder (out/quickstart for quickstart.yaml, out/quickstart-X for quickstart-X.yaml), prints
 * its report table, then the verdicts of the claims it covers, and writes the reproduction report.
 * NAME picks one: the paper whose claims share the manifest's source (data-reduction, flow, rela),
 * the manifest's name, or its file stem. The launcher installs the quickstart's data before this
 * runs where it can; running it again reuses what is done.
 */
@Command(name = "quickstart", description = {
        "Run small real reproductions of the papers locally (manifests/quickstart*.yaml), print each",
        "report table and the verdicts of the claims it covers, write report.html and the reproduction",
        "report per quickstart. Running it again reuses every finished run.",
        "Quickstarts: data-reduction (manifests/quickstart.yaml, arXiv 2208.02007), flow",
        "(quickstart-flow.yaml, arXiv 2412.07972), rela (quickstart-rela.yaml, arXiv 2405.14669);",
        "any other manifests/quickstart-X.yaml is one more, named X's file stem."})
final class QuickstartCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "One quickstart: its paper (data-reduction, flow, rela), manifest name or file stem; default: all.")
    String name;

    @Option(names = "--out", description = "Output folder of a single quickstart (default out/<manifest stem>).")
    Path out;

    @Option(names = "--jobs", defaultValue = "2", description = "Runs trained at once (default ${DEFAULT-VALUE}).")
    int jobs;

    /** A quickstart manifest, the paper its source names (null if no claims file shares it), and its output folder. */
    record Quickstart(Path manifest, String stem, String manifestName, String paper, List<String> datasets) {}

    @Override
    public Integer call() throws IOException {
        List<Quickstart> all = discover(home().resolve("manifests"), ClaimReader.builtIn());
        if (all.isEmpty()) throw new BadInputException(home().resolve("manifests") + ": no quickstart*.yaml manifests (set FRUGAL_HOME to the frugal checkout)");
        List<Quickstart> chosen = all;
        if (name != null) {
            chosen = all.stream().filter(q -> name.equals(q.paper()) || name.equals(q.manifestName()) || name.equals(q.stem())).toList();
            if (chosen.isEmpty()) {
                throw new BadInputException("no quickstart named '" + name + "'; there are: "
                        + String.join(", ", all.stream().map(q -> q.paper() != null ? q.paper() : q.stem()).toList()));
            }
        }
        if (out != null && chosen.size() > 1) throw new BadInputException("--out needs one quickstart: name it (e.g. 'quickstart data-reduction')");
        CommandLine root = spec.root().commandLine();
        PrintWriter o = spec.commandLine().getOut();
        int worst = Main.OK;
        List<String> summary = new ArrayList<>();
        for (Quickstart q : chosen) {
            Path dir = out != null ? out : Path.of("out").resolve(q.stem());
            String label = q.paper() != null ? q.paper() : q.stem();
            o.println("== quickstart " + label + ": " + q.manifest() + " -> " + dir);
            o.flush();
            long start = System.nanoTime();
            // not found: an error listing the places searched and how to get it, before anything trains
            for (String d : q.datasets()) if (io.frugal.methods.data.Datasets.names().contains(d)) DatasetLocator.system().locate(d);
            int code = root.execute("run", q.manifest().toString(), "--out", dir.toString(), "--jobs", Integer.toString(jobs));
            if (code == Main.OK) code = root.execute("report", dir.toString());
            String verdicts = null;
            if (code == Main.OK || Files.isRegularFile(dir.resolve("plan.json"))) verdicts = verdicts(q, dir, o);
            if (code != Main.OK) worst = worst == Main.OK ? code : worst;
            summary.add(String.format(java.util.Locale.ROOT, "  %-15s %s (%s, %.1f min this time)%n%17s%s%n%17s%s", label, dir,
                    code == Main.OK ? "done" : "exit " + code, (System.nanoTime() - start) / 6e10,
                    "", "tables: " + dir.resolve("report").resolve("report.html") + ", reproduction report: "
                            + dir.resolve("report").resolve(ReproductionReport.HTML) + " (and .md)",
                    "", verdicts == null ? "no verdicts (no plan)" : verdicts));
        }
        o.println();
        o.println("quickstart finished: where everything is");
        summary.forEach(o::println);
        o.println("  re-judge a store: frugal verify OUT; compare two: frugal compare OUT_A OUT_B; the runs: OUT/runs/ID/");
        o.flush();
        return worst;
    }

    /** The verdicts of the claims this quickstart covers (of its paper's claims file), and the reproduction report. */
    private static String verdicts(Quickstart q, Path dir, PrintWriter o) {
        List<ClaimSet> sets = ClaimReader.builtIn().stream().filter(s -> q.paper() == null || s.paper().equals(q.paper())).toList();
        var snapshot = RunStoreReader.read(dir);
        Verification v = Verification.of(snapshot, sets, new TamperCheck(DigestCache.system()).check(snapshot));
        o.println();
        VerifyCommand.print(o, v);
        try {
            Files.createDirectories(dir.resolve("report"));
            o.println("reproduction report: " + ReproductionReport.write(v, dir.resolve("report")));
        } catch (IOException e) {
            o.println("reproduction report not written: " + e.getMessage());
        }
        o.flush();
        return v.covered().size() + " claims judged: " + v.count(io.frugal.reproducibility.verify.Verdict.REPRODUCED) + " reproduced, "
                + v.count(io.frugal.reproducibility.verify.Verdict.NOT_REPRODUCED) + " not reproduced, "
                + v.count(io.frugal.reproducibility.verify.Verdict.INCONCLUSIVE) + " inconclusive";
    }

    /** manifests/quickstart*.yaml in name order, each matched to the claims file whose source its manifest names. */
    static List<Quickstart> discover(Path manifests, List<ClaimSet> sets) throws IOException {
        List<Quickstart> out = new ArrayList<>();
        if (!Files.isDirectory(manifests)) return out;
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try (Stream<Path> s = Files.list(manifests)) {
            for (Path p : s.filter(f -> f.getFileName().toString().matches("quickstart.*\\.ya?ml"))
                    .sorted(java.util.Comparator.comparing(f -> f.getFileName().toString().replaceFirst("\\.ya?ml$", ""))).toList()) {
                JsonNode m;
                try {
                    m = yaml.readTree(p.toFile());
                } catch (IOException e) {
                    throw new BadInputException(p + ": not readable YAML: " + e.getMessage(), e);
                }
                String source = m == null ? null : m.path("source").asText(null);
                String paper = sets.stream().filter(c -> c.source().equals(source)).map(ClaimSet::paper).findFirst().orElse(null);
                String stem = p.getFileName().toString().replaceFirst("\\.ya?ml$", "");
                List<String> datasets = new ArrayList<>();
                if (m != null) m.path("datasets").forEach(d -> { if (d.isTextual()) datasets.add(d.asText()); });
                out.add(new Quickstart(p, stem, m == null ? null : m.path("name").asText(null), paper, datasets));
            }
        }
        return out;
    }

    /** The frugal checkout: FRUGAL_HOME (set by the launcher), else the current folder or the one above it that has manifests/. */
    static Path home() {
        String h = System.getenv("FRUGAL_HOME");
        if (h != null && !h.isBlank()) return Path.of(h);
        Path cwd = Path.of("").toAbsolutePath();
        if (!Files.isDirectory(cwd.resolve("manifests")) && cwd.getParent() != null && Files.isDirectory(cwd.getParent().resolve("manifests"))) {
            return cwd.getParent();
        }
        return cwd;
    }
}
