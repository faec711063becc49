package io.frugal.analysis.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.frugal.core.BadInputException;
import io.frugal.core.kind.TrainerKinds;
import io.frugal.core.store.Json;
import io.frugal.core.store.Plan;
import io.frugal.core.store.PlannedRun;
import io.frugal.core.store.ResultFile;
import io.frugal.core.store.RunGraph;
import io.frugal.core.store.RunDirectory;
import io.frugal.core.store.RunStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads an output folder: plan.json (required, else bad input), every planned run's state and,
 * for done runs SLURM executed, their accounting (slurm.json). Damaged run files, and run
 * directories the plan does not know, become problems in the snapshot rather than errors, so a
 * report can still be made and says what it left out.
 */
public final class RunStoreReader {
    private static final int LISTED_STRAYS = 10;

    private RunStoreReader() {}

    public static StoreSnapshot read(Path out) {
        return read(out, null);
    }

    /**
     * Reads OUT as {@link #read(Path)} does and hands {@code extra} every run on the way (null: nothing
     * more to read). Run directories are read side by side ({@link ParallelReads}) and taken in
     * plan order: what the snapshot holds, and every problem's place in its list, do not depend on
     * which read finished first.
     */
    public static <T> StoreSnapshot read(Path out, ExtraRunReader<T> extra) {
        Plan plan = readPlan(out);
        RunStore store = new RunStore(out);
        List<RunRecord> records = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<String> codeVersions = new LinkedHashSet<>();
        java.util.Map<String, java.util.SortedSet<Integer>> threadsByCell = new java.util.LinkedHashMap<>();
        ParallelReads.inOrder(plan.runs(), p -> readRun(store, p, extra), read -> {
            RunRecord record = read.record();
            problems.addAll(read.problems());
            records.add(record);
            if (extra != null) extra.fold(record, read.extra());
            if (!record.isDone()) return;
            if (read.codeVersion() != null) codeVersions.add(read.codeVersion());
            if (read.threads() != null) {
                PlannedRun planned = record.planned();
                String cell = planned.experiment() + " on " + planned.dataset()
                        + (planned.matrixLabels().isEmpty() ? "" : " " + planned.matrixLabels());
                threadsByCell.computeIfAbsent(cell, c -> new java.util.TreeSet<>()).add(read.threads());
            }
        });
        // a CPU run's numbers depend on its thread count: a cell of runs with different counts mixes two computations
        threadsByCell.forEach((cell, counts) -> {
            if (counts.size() > 1) problems.add(cell + ": done runs computed with different thread counts " + counts
                    + " (a CPU run's numbers depend on it); their mean mixes both");
        });
        markBlocked(plan, records);
        strayProblem(store, plan).ifPresent(problems::add);
        if (codeVersions.size() > 1) {
            problems.add("done runs were produced by " + codeVersions.size() + " different code versions: "
                    + String.join(", ", codeVersions));
        }
        return new StoreSnapshot(out, plan, records, problems, new ArrayList<>(codeVersions));
    }

    /** One run as read: its record, the problems its files gave (in the order found), and what its provenance says. */
    private record RunRead<T>(RunRecord record, List<String> problems, String codeVersion, Integer threads, T extra) {}

    private static <T> RunRead<T> readRun(RunStore store, PlannedRun planned, ExtraRunReader<T> extra) {
        RunDirectory dir = store.run(planned.id());
        RunRecord record = readRun(dir, planned);
        List<String> problems = new ArrayList<>(0);
        if (record.state() == RunState.CORRUPT) {
            problems.add("run " + planned.id() + ": result.json " + record.problem() + " (run not counted as done)");
        }
        String codeVersion = null;
        Integer threads = null;
        if (record.isDone()) {
            record = withAccounting(record, dir, problems);
            JsonNode provenance = provenance(dir.provenance());
            codeVersion = codeVersion(provenance);
            threads = threads(record.result().raw(), provenance);
        }
        return new RunRead<>(record, problems, codeVersion, threads, extra == null ? null : extra.read(record, dir));
    }

    /**
     * OUT's plan.json alone, checked as {@link #read} checks it: bad input when OUT is no run store.
     * Lets a command refuse bad input before it writes anything into OUT.
     */
    public static Plan readPlan(Path out) {
        return Plan.read(out);
    }

    /** Runs that have not finished and need a run that failed are blocked, with that run's id. */
    private static void markBlocked(Plan plan, List<RunRecord> records) {
        if (records.stream().noneMatch(r -> r.state() == RunState.FAILED)) return; // nothing can be blocked
        java.util.Map<String, RunRecord> byId = new java.util.HashMap<>();
        records.forEach(r -> byId.put(r.id(), r));
        java.util.Map<String, String> blocked = new RunGraph(plan).blockedBy(id -> byId.containsKey(id) && byId.get(id).state() == RunState.FAILED);
        for (int i = 0; i < records.size(); i++) {
            RunRecord r = records.get(i);
            String cause = blocked.get(r.id());
            if (cause != null && (r.state() == RunState.NOT_STARTED || r.state() == RunState.STARTED)) {
                records.set(i, new RunRecord(r.planned(), RunState.BLOCKED, null, r.failure(), "needs run " + cause + ", which failed"));
            }
        }
    }

    private static RunRecord readRun(RunDirectory dir, PlannedRun planned) {
        RunFailure failure = Files.isRegularFile(dir.failure()) ? ResultReader.readFailure(dir.failure(), planned.id()) : null;
        ResultFile.Outcome outcome = ResultFile.readIfPresent(dir, planned, () -> TrainerKinds.of(planned.config()).metrics());
        if (outcome != null) {
            if (outcome.result() != null) return new RunRecord(planned, RunState.DONE, outcome.result(), failure, null);
            return new RunRecord(planned, RunState.CORRUPT, null, failure, outcome.problem());
        }
        if (failure != null) return new RunRecord(planned, RunState.FAILED, null, failure, null);
        return new RunRecord(planned, hasFiles(dir.dir()) ? RunState.STARTED : RunState.NOT_STARTED, null, null, null);
    }

    /**
     * A done run with the SLURM accounting its slurm.json holds; without it when there is none (a
     * local run) or it cannot be used, which is a problem of the snapshot and nothing more.
     */
    private static RunRecord withAccounting(RunRecord record, RunDirectory dir, List<String> problems) {
        if (!Files.isRegularFile(dir.slurmAccounting())) return record;
        AccountingReader.Outcome outcome = AccountingReader.read(dir.slurmAccounting());
        if (outcome.accounting() != null) return record.withAccounting(outcome.accounting());
        problems.add("run " + record.id() + ": " + RunDirectory.SLURM_ACCOUNTING + " " + outcome.problem()
                + " (its SLURM accounting left out)");
        return record;
    }

    private static boolean hasFiles(Path dir) {
        if (!Files.isDirectory(dir)) return false;
        // The planner may write config.json before anything runs; only trainer output means started.
        try (Stream<Path> s = Files.list(dir)) {
            return s.anyMatch(p -> !p.getFileName().toString().equals(RunDirectory.CONFIG));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** provenance.json's tree; null when absent or unreadable (neither its code version nor its threads are known then). */
    private static JsonNode provenance(Path file) {
        if (!Files.isRegularFile(file)) return null;
        try {
            return Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The code version a run recorded in provenance.json: {@code code_version}, or
     * {@code code.version} / {@code code.commit}. Null when absent or unreadable.
     */
    static String codeVersion(JsonNode p) {
        if (p == null) return null;
        if (p.path("code_version").isTextual()) return p.get("code_version").textValue();
        JsonNode code = p.path("code");
        if (code.path("version").isTextual()) return code.get("version").textValue();
        if (code.path("commit").isTextual()) return code.get("commit").textValue();
        return null;
    }

    /** The compute threads a done run trained with: result.json's, else provenance.json's; null when neither says. */
    static Integer threads(JsonNode result, JsonNode provenance) {
        if (result != null && result.path("threads").canConvertToInt()) return result.get("threads").asInt();
        if (provenance == null) return null;
        JsonNode t = provenance.path("engine").path("threads");
        return t.canConvertToInt() ? t.asInt() : null;
    }

    private static java.util.Optional<String> strayProblem(RunStore store, Plan plan) {
        Set<String> planned = new HashSet<>();
        plan.runs().forEach(r -> planned.add(r.id()));
        List<String> strays = store.runNames().stream().filter(id -> !planned.contains(id))
                .filter(id -> Files.isDirectory(store.run(id).dir())).sorted().toList();
        if (strays.isEmpty()) return java.util.Optional.empty();
        String listed = String.join(", ", strays.subList(0, Math.min(LISTED_STRAYS, strays.size())));
        return java.util.Optional.of(strays.size() + " run director" + (strays.size() == 1 ? "y is" : "ies are")
                + " not in plan.json and left out: " + listed + (strays.size() > LISTED_STRAYS ? ", ..." : ""));
    }
}
