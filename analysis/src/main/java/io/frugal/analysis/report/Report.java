package io.frugal.analysis.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.frugal.analysis.store.RunRecord;
import io.frugal.analysis.store.RunState;
import io.frugal.analysis.store.RunStoreReader;
import io.frugal.analysis.store.StoreSnapshot;
import io.frugal.analysis.table.Aggregator;
import io.frugal.analysis.table.ResultTable;
import io.frugal.core.store.Json;
import java.nio.file.Path;
import java.util.List;

/**
 * A report of one output folder: what was read, the aggregated table, and what it was computed
 * from. {@code resultsSha256} fingerprints the done runs' results as read, so two reports with the
 * same fingerprint rest on the same numbers; {@code generator} is the frugal version that made it.
 */
public record Report(StoreSnapshot snapshot, ResultTable table, String resultsSha256, String generator) {

    /** Reads OUT and aggregates it; bad input (no usable plan.json) throws before anything is written. */
    public static Report of(Path out) {
        StoreSnapshot snapshot = RunStoreReader.read(out);
        return new Report(snapshot, Aggregator.aggregate(snapshot), fingerprint(snapshot), frugalVersion());
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

    private static String fingerprint(StoreSnapshot snapshot) {
        ArrayNode results = Json.array();
        snapshot.runs().stream().filter(RunRecord::isDone).forEach(r -> results.add(Json.MAPPER.valueToTree(r.result())));
        return Json.sha256(results);
    }

    private static String frugalVersion() {
        String v = Report.class.getPackage().getImplementationVersion();
        return "frugal " + (v == null ? "dev" : v);
    }
}
