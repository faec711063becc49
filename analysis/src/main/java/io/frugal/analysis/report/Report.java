package io.frugal.analysis.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frugal.core.kind.MetricSchema;
import io.frugal.core.kind.TrainerKinds;
import io.frugal.core.store.RunResult;
import io.frugal.analysis.store.RunRecord;
import io.frugal.analysis.store.RunState;
import io.frugal.analysis.store.RunStoreReader;
import io.frugal.analysis.store.StoreSnapshot;
import io.frugal.analysis.table.Aggregator;
import io.frugal.analysis.table.ResultTable;
import io.frugal.core.store.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import io.frugal.analysis.energy.StoreEnergy;
import java.security.MessageDigest;
import java.util.HexFormat;
import io.frugal.analysis.plot.GenericPlots;
import io.frugal.analysis.plot.LearningCurves;
import io.frugal.core.kind.KindPlot;
import io.frugal.core.kind.KindRun;
import io.frugal.core.kind.KindTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A report of one output folder: what was read, the aggregated table, and what it was computed
 * from. {@code resultsSha256} fingerprints the done runs' results as read, so two reports with the
 * same fingerprint rest on the same numbers; {@code generator} is the frugal version that made it;
 * {@code energy} the done runs' energy records (read beside the snapshot, not part of the fingerprint).
 */
public record Report(StoreSnapshot snapshot, List<ResultTable> tables, List<KindTable> kindTables, List<KindPlot> plots,
        String resultsSha256, String generator, StoreEnergy energy) {
    public Report {
        tables = List.copyOf(tables);
        kindTables = List.copyOf(kindTables);
        plots = List.copyOf(plots);
    }

    /** Reads OUT and aggregates it; bad input (no usable plan.json) throws before anything is written. */
    public static Report of(Path out) {
        LearningCurves curves = new LearningCurves();
        StoreSnapshot snapshot = RunStoreReader.read(out, curves);
        List<ResultTable> tables = Aggregator.tables(snapshot);
        List<KindPlot> plots = new ArrayList<>(GenericPlots.of(tables, curves));
        plots.addAll(kindPlots(snapshot));
        return new Report(snapshot, tables, kindTables(snapshot), plots, fingerprint(snapshot), frugalVersion(), StoreEnergy.of(snapshot));
    }

    /** The generic table of the store's first kind: the only one of a store of one kind. */
    public ResultTable table() {
        return tables.get(0);
    }

    /** Every kind's own plots, their ids prefixed with the kind's name so that kinds cannot collide. */
    private static List<KindPlot> kindPlots(StoreSnapshot snapshot) {
        List<KindPlot> out = new ArrayList<>();
        byKind(snapshot).forEach((kind, runs) -> {
            for (KindPlot p : TrainerKinds.get(kind).plots(runs)) {
                out.add(new KindPlot(GenericPlots.slug(kind) + "-" + p.id(), p.title(), p.xLabel(), p.yLabel(), p.logX(),
                        p.series(), p.references(), p.notes()));
            }
        });
        return out;
    }

    /** The done runs of each kind present, kinds in the order they first appear among the planned runs. */
    private static Map<String, List<KindRun>> byKind(StoreSnapshot snapshot) {
        Map<String, List<KindRun>> byKind = new LinkedHashMap<>();
        for (RunRecord r : snapshot.runs()) {
            List<KindRun> runs = byKind.computeIfAbsent(TrainerKinds.of(r.planned().config()).name(), k -> new ArrayList<>());
            if (r.isDone()) runs.add(new KindRun(r.planned(), r.result()));
        }
        byKind.replaceAll((k, v) -> List.copyOf(v));
        return byKind;
    }

    /** Every kind's own tables, kinds in the order of the generic tables, each from its done runs in plan order. */
    private static List<KindTable> kindTables(StoreSnapshot snapshot) {
        List<KindTable> out = new ArrayList<>();
        byKind(snapshot).forEach((kind, runs) -> out.addAll(TrainerKinds.get(kind).tables(runs)));
        return out;
    }

    /** Every problem met while reading: the store's, then the energy records'. */
    public List<String> problems() {
        List<String> all = new ArrayList<>(snapshot.problems());
        all.addAll(energy.problems());
        return all;
    }

    public List<String> doneRunIds() {
        return snapshot.runs().stream().filter(RunRecord::isDone).map(RunRecord::id).toList();
    }

    public int planned() {
        return snapshot.runs().size();
    }

    public long count(RunState state) {
        return snapshot.count(state);
    }

    /** Neither done nor failed: corrupt results, running or interrupted, not started. */
    public long unfinished() {
        return planned() - count(RunState.DONE) - count(RunState.FAILED);
    }

    public String codeVersion() {
        return snapshot.codeVersions().isEmpty() ? "unknown" : String.join(", ", snapshot.codeVersions());
    }

    /**
     * A hash of every done run's numbers as read: its kind's metrics and result details, cost,
     * seconds, resumes and finish time. The field names are the camel-case ones of the first
     * report format (finalTop1, bestEpoch, ...), so fingerprints of stores reported before frugal
     * had several trainer kinds stay the same.
     */
    private static String fingerprint(StoreSnapshot snapshot) {
        // The canonical text of the array, "[" + each run's object joined by "," + "]", digested
        // piece by piece: each run's text is made on its own (in parallel), none of them all at once.
        List<String> runs = snapshot.runs().parallelStream().filter(RunRecord::isDone).map(r -> canonical(fingerprintOf(r))).toList();
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        digest.update((byte) '[');
        for (int i = 0; i < runs.size(); i++) {
            if (i > 0) digest.update((byte) ',');
            digest.update(runs.get(i).getBytes(StandardCharsets.UTF_8));
        }
        digest.update((byte) ']');
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * {@link Json#canonical} of a run's flat fingerprint object: keys sorted, each value's own
     * canonical text. Names and text values of plain printable ASCII, which is all of them in
     * practice, are quoted here as Jackson would quote them (verbatim: it escapes only quotes,
     * backslashes and control characters), instead of through a JSON generator for every string.
     */
    private static String canonical(ObjectNode o) {
        List<String> names = new ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        java.util.Collections.sort(names);
        StringBuilder b = new StringBuilder("{");
        for (String name : names) {
            if (b.length() > 1) b.append(',');
            quoted(b, name).append(':');
            JsonNode v = o.get(name);
            if (v.isTextual()) quoted(b, v.textValue());
            else Json.appendCanonical(v, b);
        }
        return b.append('}').toString();
    }

    private static StringBuilder quoted(StringBuilder b, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') return b.append(Json.compact(s));
        }
        return b.append('"').append(s).append('"');
    }

    private static ObjectNode fingerprintOf(RunRecord r) {
        RunResult res = r.result();
        MetricSchema schema = TrainerKinds.of(r.planned().config()).metrics();
        ObjectNode o = Json.object();
        o.put("runId", res.runId());
        for (MetricSchema.Metric m : schema.all()) o.put(camel(m.key()), res.metric(m.key()));
        for (String d : schema.resultDetails()) if (res.raw().has(d)) o.set(camel(d), res.raw().get(d));
        o.put("evaluations", res.evaluations());
        o.put("plannedEvaluations", res.plannedEvaluations());
        o.put("trainSeconds", res.trainSeconds());
        o.put("evalSeconds", res.evalSeconds());
        o.put("wallSeconds", res.wallSeconds());
        o.put("resumes", res.resumes());
        o.put("finishedAt", res.finishedAt());
        return o;
    }

    private static String camel(String key) {
        StringBuilder b = new StringBuilder();
        boolean up = false;
        for (char c : key.toCharArray()) {
            if (c == '_') {
                up = true;
            } else {
                b.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return b.toString();
    }

    private static String frugalVersion() {
        String v = Report.class.getPackage().getImplementationVersion();
        return "frugal " + (v == null ? "dev" : v);
    }
}
