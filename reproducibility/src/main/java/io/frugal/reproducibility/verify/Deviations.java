package io.frugal.reproducibility.verify;

import com.fasterxml.jackson.databind.JsonNode;
import io.frugal.analysis.store.RunRecord;
import io.frugal.analysis.store.StoreSnapshot;
import io.frugal.core.store.Json;
import io.frugal.reproducibility.claims.ClaimSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every way a store's runs differ from a paper: its datasets that stand in for the paper's, each
 * config value of the paper's setup that the runs set otherwise (epochs, width, subsets, ...), the
 * profile and overrides the plan was made with, and the fixed readings and choices of the claims file.
 */
final class Deviations {
    private Deviations() {}

    static List<String> of(ClaimSet set, StoreSnapshot snapshot, Set<String> experiments) {
        List<String> out = new ArrayList<>();
        List<RunRecord> runs = snapshot.runs().stream().filter(r -> experiments.contains(r.planned().experiment())).toList();
        Set<String> datasets = new TreeSet<>();
        runs.forEach(r -> datasets.add(r.planned().dataset()));
        Set<String> standIns = new TreeSet<>();
        for (ClaimSet.Substitution s : set.substitutions()) {
            if (datasets.contains(s.ours())) {
                out.add("**" + s.ours() + " for " + s.paper() + "**: " + s.why());
                standIns.add(s.ours());
                standIns.add(s.paper());
            }
        }
        if (!set.paperDatasets().isEmpty()) {
            List<String> notPaper = datasets.stream().filter(d -> !set.paperDatasets().contains(d) && !standIns.contains(d)).toList();
            List<String> notRun = set.paperDatasets().stream().filter(d -> !datasets.contains(d) && !standIns.contains(d)).toList();
            if (!notPaper.isEmpty() || !notRun.isEmpty()) {
                out.add("**datasets**: ran " + String.join(", ", datasets) + "; the paper's are " + String.join(", ", set.paperDatasets())
                        + (notRun.isEmpty() ? "" : " (not run here: " + String.join(", ", notRun) + ")")
                        + (notPaper.isEmpty() ? "" : " (not the paper's: " + String.join(", ", notPaper) + ")"));
            }
        }
        set.paperSetup().forEach((key, paperValue) -> {
            Set<String> ours = new TreeSet<>();
            Set<String> papers = new TreeSet<>();
            for (RunRecord r : runs) {
                JsonNode paper = paperValueFor(paperValue, r.planned().dataset());
                JsonNode v = r.planned().config();
                for (String part : key.split("\\.")) v = v == null ? null : v.get(part);
                String text = v == null || v.isNull() ? "null" : v.isValueNode() ? v.asText() : Json.compact(v);
                if (!sameValue(text, paper)) {
                    ours.add(text);
                    papers.add(paper.isNull() ? "null, i.e. the whole set" : paper.asText());
                }
            }
            if (!ours.isEmpty()) {
                out.add("**" + key + "**: " + String.join(", ", ours) + " (paper: " + String.join(", ", papers) + ")");
            }
        });
        if (snapshot.plan().profile() != null) out.add("**profile**: the plan used profile '" + snapshot.plan().profile() + "'");
        if (!snapshot.plan().overrides().isEmpty()) out.add("**overrides**: " + String.join(", ", snapshot.plan().overrides()));
        out.addAll(set.deviations());
        return out;
    }

    /**
     * The paper's value of a setup key for a run on {@code dataset}: a plain value, or where the
     * paper's setting differs by dataset {@code {by_dataset: {imagenet1k: resnet50}, else: resnet18}}
     * (a dataset standing in for one of the paper's compares with {@code else}).
     */
    private static JsonNode paperValueFor(JsonNode paper, String dataset) {
        if (!paper.isObject() || !paper.has("by_dataset")) return paper;
        JsonNode own = paper.path("by_dataset").get(dataset);
        return own != null ? own : paper.path("else").isMissingNode() ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : paper.get("else");
    }

    private static boolean sameValue(String ours, JsonNode paper) {
        if (paper.isNull()) return ours.equals("null");
        if (paper.isNumber()) {
            try {
                return Double.parseDouble(ours) == paper.asDouble();
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return ours.equals(paper.asText());
    }
}
