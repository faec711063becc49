package io.frugal.analysis.compare;

import com.fasterxml.jackson.databind.JsonNode;
import io.frugal.analysis.stats.Difference;
import io.frugal.analysis.stats.Equivalence;
import io.frugal.analysis.store.RunRecord;
import io.frugal.analysis.store.RunStoreReader;
import io.frugal.analysis.store.StoreSnapshot;
import io.frugal.analysis.table.CellKey;
import io.frugal.core.BadInputException;
import io.frugal.core.kind.MetricSchema;
import io.frugal.core.kind.TrainerKinds;
import io.frugal.core.store.Json;
import io.frugal.core.store.RunResult;
import io.frugal.core.store.RunStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Two run stores (two code versions, CPU against GPU, two sites) compared cell by cell. Cells are
 * matched by (dataset, experiment, matrix values), so stores planned from different manifests or
 * with different seeds still meet where they share a cell. Runs of one config (the same run id in
 * both) are compared value by value: the kind's metrics and result details and the evaluations
 * (never the seconds, which differ on every run).
 */
public record StoreComparison(Path a, Path b, double margin, List<CellComparison> cells, List<CellKey> onlyInA,
        List<CellKey> onlyInB, List<RunMismatch> mismatches, List<String> problems) {

    /** Reads both stores; bad input when either is no run store or they share no cell. */
    public static StoreComparison of(Path a, Path b, double margin) {
        if (!(margin > 0) || Double.isInfinite(margin)) throw new BadInputException("--margin must be a positive number, got " + margin);
        StoreSnapshot sa = RunStoreReader.read(a);
        StoreSnapshot sb = RunStoreReader.read(b);
        Map<CellKey, List<RunRecord>> ca = cells(sa);
        Map<CellKey, List<RunRecord>> cb = cells(sb);
        List<CellKey> shared = ca.keySet().stream().filter(cb::containsKey).toList();
        if (shared.isEmpty()) {
            throw new BadInputException(a + " and " + b + " share no cell (dataset, experiment, matrix values): "
                    + ca.size() + " cells in the first, " + cb.size() + " in the second, none in both");
        }
        List<CellComparison> cells = new ArrayList<>();
        List<RunMismatch> mismatches = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (CellKey key : shared) {
            List<RunRecord> ra = ca.get(key);
            List<RunRecord> rb = cb.get(key);
            String kindA = TrainerKinds.of(ra.get(0).planned().config()).name();
            String kindB = TrainerKinds.of(rb.get(0).planned().config()).name();
            if (!kindA.equals(kindB)) {
                problems.add(key + ": trained by kind " + kindA + " in the first store and " + kindB + " in the second; not compared");
                continue;
            }
            cells.add(compare(key, kindA, ra, rb, sa.root(), sb.root(), margin, mismatches));
        }
        List<CellKey> onlyA = ca.keySet().stream().filter(k -> !cb.containsKey(k)).toList();
        List<CellKey> onlyB = cb.keySet().stream().filter(k -> !ca.containsKey(k)).toList();
        sa.problems().forEach(p -> problems.add("first store: " + p));
        sb.problems().forEach(p -> problems.add("second store: " + p));
        return new StoreComparison(a, b, margin, cells, onlyA, onlyB, mismatches, problems);
    }

    private static CellComparison compare(CellKey key, String kind, List<RunRecord> ra, List<RunRecord> rb, Path rootA,
            Path rootB, double margin, List<RunMismatch> mismatches) {
        MetricSchema schema = TrainerKinds.get(kind).metrics();
        String metric = schema.primary().key();
        double[] va = ra.stream().filter(RunRecord::isDone).mapToDouble(r -> r.result().metric(metric)).toArray();
        double[] vb = rb.stream().filter(RunRecord::isDone).mapToDouble(r -> r.result().metric(metric)).toArray();
        Map<String, RunRecord> doneB = new LinkedHashMap<>();
        rb.stream().filter(RunRecord::isDone).forEach(r -> doneB.put(r.id(), r));
        List<RunRecord> doneA = ra.stream().filter(RunRecord::isDone).toList();
        boolean sameRuns = doneA.size() == doneB.size() && doneA.stream().allMatch(r -> doneB.containsKey(r.id()));
        int notEqual = 0;
        for (RunRecord r : doneA) {
            RunRecord other = doneB.get(r.id());
            if (other == null) continue;
            List<String> diffs = differences(schema, r.result(), other.result());
            if (diffs.isEmpty()) continue;
            notEqual++;
            mismatches.add(new RunMismatch(r.id(), key.toString(), onCpu(rootA, r.id()) && onCpu(rootB, r.id()), diffs));
        }
        Difference welch = Difference.welch(vb, va);
        return new CellComparison(key, kind, schema.primary(), va.length, vb.length, mean(va), mean(vb), welch,
                Equivalence.tost(vb, va, margin), sameRuns && notEqual == 0, notEqual);
    }

    /** Every value of the two results that is not bitwise the same, as "key: A x, B y". */
    static List<String> differences(MetricSchema schema, RunResult a, RunResult b) {
        List<String> out = new ArrayList<>();
        for (MetricSchema.Metric m : schema.all()) {
            double x = a.metric(m.key());
            double y = b.metric(m.key());
            if (Double.doubleToRawLongBits(x) != Double.doubleToRawLongBits(y)) out.add(m.key() + ": A " + x + ", B " + y);
        }
        for (String d : schema.resultDetails()) {
            JsonNode x = a.raw().get(d);
            JsonNode y = b.raw().get(d);
            if (!Objects.equals(x, y)) out.add(d + ": A " + x + ", B " + y);
        }
        if (a.evaluations() != b.evaluations()) out.add("evaluations: A " + a.evaluations() + ", B " + b.evaluations());
        return out;
    }

    /** The run's provenance.json says it ran without a GPU; false when it cannot tell. */
    static boolean onCpu(Path root, String runId) {
        Path provenance = new RunStore(root).run(runId).provenance();
        if (!Files.isRegularFile(provenance)) return false;
        try {
            JsonNode p = Json.MAPPER.readTree(provenance.toFile());
            return p != null && p.path("engine").path("gpus").isIntegralNumber() && p.path("engine").path("gpus").intValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static Map<CellKey, List<RunRecord>> cells(StoreSnapshot s) {
        Map<CellKey, List<RunRecord>> cells = new LinkedHashMap<>();
        for (RunRecord r : s.runs()) {
            cells.computeIfAbsent(new CellKey(r.planned().dataset(), r.planned().experiment(), r.planned().matrixLabels()),
                    k -> new ArrayList<>()).add(r);
        }
        return cells;
    }

    private static double mean(double[] v) {
        return io.frugal.analysis.stats.Summary.of(v).mean();
    }

    /** Every shared cell is identical and no run of one config differs. */
    public boolean allIdentical() {
        return mismatches.isEmpty() && cells.stream().allMatch(CellComparison::identical);
    }
}
