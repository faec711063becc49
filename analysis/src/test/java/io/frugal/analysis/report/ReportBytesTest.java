package io.frugal.analysis.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frugal.analysis.ReportTestKind;
import io.frugal.analysis.StoreFixture;
import io.frugal.core.random.SeededRandom;
import io.frugal.core.store.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every file of the report of a store of 310 runs is byte for byte what the report code wrote
 * before it read stores in parallel and aggregated learning curves as it read them (recorded in
 * src/test/resources/report-bytes: the text formats whole, every file by its SHA-256; {@code -Dfrugal.report.record=true} records them again, for a
 * deliberate change of format, which then shows in the diff of the test resources).
 *
 * <p>The store has what a real one meets: two trainer kinds; cells of 3, 6 and 80 seeds (exact and
 * approximate rank tests, bootstrap intervals); matrix values; failed runs (one with an unreadable
 * failure.json); damaged results (not JSON, another run's id, best worse than final); runs not
 * started, interrupted, and blocked by a failed input; SLURM accounting (one damaged); provenance
 * with two code versions and a cell of mixed thread counts; learning curves of different lengths,
 * one with a torn last line and one with a point that lacks the metric; and a stray directory.
 */
class ReportBytesTest {
    static final Path RECORDED = Path.of("src/test/resources/report-bytes");
    static final String HASHES = "files.sha256";
    static final boolean RECORD = Boolean.getBoolean("frugal.report.record");

    @TempDir
    Path out;

    @Test
    void everyReportFileIsTheBytesRecordedBeforeTheParallelReader() throws IOException {
        build(out);
        Report report = Report.of(out);
        Map<String, byte[]> files = ReportWriter.files(report, ReportWriter.renderAll(report));
        if (RECORD) record(files);
        // every file by its hash; the text formats in full too, so that a difference shows as a diff
        assertThat(hashes(files)).isEqualTo(Files.readString(RECORDED.resolve(HASHES)));
        for (var e : files.entrySet()) {
            if (isText(e.getKey())) {
                assertThat(new String(e.getValue(), StandardCharsets.UTF_8)).as(e.getKey())
                        .isEqualTo(Files.readString(RECORDED.resolve(e.getKey())));
            }
        }
        // what the report leaves out is still said: every run not counted, every damaged file
        assertThat(report.snapshot().problems()).anySatisfy(p -> assertThat(p).contains("run m-baseline-7: result.json"))
                .anySatisfy(p -> assertThat(p).contains("slurm.json"))
                .anySatisfy(p -> assertThat(p).contains("not in plan.json"));
    }

    /** The store (see the class comment); every number comes from one seeded stream, so it is the same on every machine. */
    static void build(Path out) {
        StoreFixture f = new StoreFixture(out);
        SeededRandom random = SeededRandom.of(7, "report-bytes");
        List<String> ids = new ArrayList<>();
        String[] exps = {"baseline", "step-E1", "step-E2"};
        double[] level = {0.97, 0.95, 0.955};
        long[] evals = {16000, 7000, 10000};
        for (int e = 0; e < exps.length; e++) {
            for (int s = 1; s <= 80; s++) {
                String id = "m-" + exps[e] + "-" + s;
                f.planned(id, "mnist", exps[e], s, evals[e]);
                ids.add(id);
                if (e == 1 && s % 17 == 0) {
                    f.failed(id, 1, "CUDA out of memory\nat line " + s);
                } else if (e == 2 && s > 76) {
                    if (s == 78) f.file(id, "metrics.jsonl", curve(random, 3, 0.9, evals[e]));
                    // s 77, 79, 80: not started
                } else {
                    double top1 = level[e] + 0.01 * random.nextGaussian();
                    top1 = Math.min(0.999, Math.max(0.5, top1));
                    double best = top1 + 0.002 * random.nextDouble();
                    f.done(id, top1, Math.min(1, best), evals[e], 100 * evals[e] / 16000.0 + 5 * random.nextDouble(),
                            130 + 10 * random.nextDouble());
                    int points = s % 9 == 0 ? 3 : 4;
                    f.file(id, "metrics.jsonl", curve(random, points, top1, evals[e]));
                    if (s % 3 == 0) f.file(id, "provenance.json", "{\"code_version\": \"v1\", \"engine\": {\"threads\": 2}}");
                }
            }
        }
        // damaged results, a torn and a cut-short curve, mixed thread counts and a second code version
        f.file("m-baseline-7", "result.json", "{\"status\": \"done\", \"run_id\": \"m-baseline-7\", \"final_");
        f.file("m-step-E1-5", "result.json", Json.pretty(Json.object().put("status", "done").put("run_id", "m-step-E1-6")));
        f.file("m-step-E2-8", "result.json", doneJson("m-step-E2-8", "mnist", "step-E2", 8, 0.95, 0.90, 10000));
        f.file("m-baseline-10", "metrics.jsonl", curve(random, 4, 0.96, 16000) + "{\"evaluations\": 80000, \"top");
        f.file("m-baseline-11", "metrics.jsonl", "{\"evaluations\": 4000, \"top1\": 0.5}\n\n{\"evaluations\": 8000}\n"
                + "{\"evaluations\": 12000, \"top1\": 0.9}\n");
        f.file("m-step-E1-3", "provenance.json", "{\"code_version\": \"v2\", \"engine\": {\"threads\": 4}}");
        f.file("m-step-E1-18", "failure.json", "{\"run_id\": ");

        // cifar10 with a matrix axis: small cells (exact rank tests), SLURM accounting
        for (String lr : new String[] {"0.1", "0.05"}) {
            for (int e = 0; e < 2; e++) {
                for (int s = 1; s <= 6; s++) {
                    String id = "c-" + exps[e] + "-" + lr + "-" + s;
                    f.planned(id, "cifar10", exps[e], s, evals[e], Map.of("lr", Double.parseDouble(lr)));
                    if (lr.equals("0.05") && e == 1 && s == 6) continue;
                    double top1 = 0.7 - 0.03 * e + 0.01 * random.nextGaussian();
                    f.done(id, top1, top1 + 0.001, evals[e], 200 * evals[e] / 16000.0 + random.nextDouble(), 260);
                    f.file(id, "metrics.jsonl", curve(random, 4, top1, evals[e]));
                    if (s <= 4) f.slurm(id, s == 2 ? 1 : 0, 250 + s, s == 2 ? 500 + s : 250 + s, s == 3 ? -1 : 30 + s);
                }
            }
        }
        f.file("c-baseline-0.1-5", "slurm.json", "{\"job_id\": \"4242_99\", \"restarts\": -1}");

        // a run that needs a failed run: blocked; one that needs a done run and was interrupted
        f.planned("m-finetune-1", "mnist", "step-E2", 101, 10000);
        inputs(f, "m-step-E1-17");
        f.planned("m-finetune-2", "mnist", "step-E2", 102, 10000);
        inputs(f, "m-baseline-1");
        f.file("m-finetune-2", "checkpoint.json", "{}");

        // the second kind: 3 cells of 6, 10 and 3 seeds
        String[] flowExps = {"baseline", "step-E1", "step-E2"};
        int[] flowSeeds = {6, 10, 3};
        for (int e = 0; e < flowExps.length; e++) {
            for (int s = 1; s <= flowSeeds[e]; s++) {
                String id = "f-" + flowExps[e] + "-" + s;
                f.planned(id, "synthetic", flowExps[e], s, 500);
                ArrayNode runs = (ArrayNode) f.plan().get("runs");
                ((ObjectNode) runs.get(runs.size() - 1).get("config")).put("trainer", ReportTestKind.NAME);
                if (e == 1 && s == 4) {
                    f.failed(id, 137, "killed");
                    continue;
                }
                ObjectNode r = Json.object();
                r.put("status", "done").put("run_id", id).put("experiment", flowExps[e]).put("dataset", "synthetic").put("seed", s)
                        .put("p_hat", 0.25 + 0.02 * e + 0.01 * random.nextGaussian()).put("evaluations", 500)
                        .put("train_seconds", 3.0 + random.nextDouble()).put("wall_seconds", 5.0);
                f.file(id, "result.json", Json.pretty(r));
            }
        }
        f.file("stray-run", "result.json", "{}");
        f.write();
    }

    private static void record(Map<String, byte[]> files) throws IOException {
        if (Files.isDirectory(RECORDED)) {
            try (Stream<Path> old = Files.list(RECORDED)) {
                for (Path p : old.toList()) Files.delete(p);
            }
        }
        Files.createDirectories(RECORDED);
        Files.writeString(RECORDED.resolve(HASHES), hashes(files));
        for (var e : files.entrySet()) if (isText(e.getKey())) Files.write(RECORDED.resolve(e.getKey()), e.getValue());
    }

    /** The main text formats and their further tables; HTML and plots are large and checked by hash only. */
    private static boolean isText(String name) {
        return !name.contains("/") && (name.endsWith(".md") || name.endsWith(".csv") || name.endsWith(".json") || name.endsWith(".tex"));
    }

    /** "SHA256  NAME" per file, in the order the report lists them. */
    private static String hashes(Map<String, byte[]> files) throws IOException {
        StringBuilder b = new StringBuilder();
        try {
            for (var e : files.entrySet()) {
                byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(e.getValue());
                b.append(java.util.HexFormat.of().formatHex(d)).append("  ").append(e.getKey()).append('\n');
            }
        } catch (java.security.NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
        return b.toString();
    }

    private static void inputs(StoreFixture f, String needs) {
        ArrayNode runs = (ArrayNode) f.plan().get("runs");
        ((ObjectNode) runs.get(runs.size() - 1)).putObject("inputs").put("model", needs);
    }

    private static String doneJson(String id, String dataset, String exp, long seed, double top1, double best, long evals) {
        ObjectNode r = Json.object();
        r.put("status", "done").put("run_id", id).put("experiment", exp).put("dataset", dataset).put("seed", seed)
                .put("epochs", 2).put("final_top1", top1).put("best_top1", best).put("best_epoch", 2)
                .put("evaluations", evals).put("planned_evaluations", evals).put("train_seconds", 50.0)
                .put("eval_seconds", 1.5).put("wall_seconds", 70.0).put("resumes", 0).put("finished_at", "2025-01-01T00:00:00Z");
        return Json.pretty(r);
    }

    /** metrics.jsonl as the classifier writes it: one compact object per evaluation, rising towards the final top-1. */
    private static String curve(SeededRandom random, int points, double top1, long evals) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= points; i++) {
            double y = top1 * (1 - 0.5 / (i * i)) + 0.003 * random.nextGaussian();
            b.append(String.format(Locale.ROOT, "{\"epoch\":%d,\"evaluations\":%d,\"train_loss\":%.5f,\"top1\":%.6f,\"lr\":0.1}%n",
                    i, evals * i / points, 1.5 / i, Math.max(0, Math.min(1, y))));
        }
        return b.toString();
    }
}
