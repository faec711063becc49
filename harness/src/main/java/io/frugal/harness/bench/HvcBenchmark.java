package io.frugal.harness.bench;

import io.frugal.core.BadInputException;
import io.frugal.methods.data.Datasets;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code frugal bench hvc}: runs {@link HvcThroughputBench}, prints its table, appends it to BENCHMARKS.md. */
public final class HvcBenchmark {
    private HvcBenchmark() {}

    /** Checks everything before anything runs or is written. */
    public static void validate(HvcThroughputBench.Settings s) {
        for (String d : s.datasets()) {
            if (!Datasets.names().contains(d)) throw new BadInputException("unknown dataset '" + d + "'; known: " + Datasets.names());
        }
        if (s.datasets().isEmpty()) throw new BadInputException("no dataset to benchmark");
        if (!(s.width() > 0)) throw new BadInputException("--width must be positive, got " + s.width());
        for (String d : s.datasets()) new HvcShape(d, s.width(), s.batch()).spec();
        if (s.batch() < 2) throw new BadInputException("--batch must be at least 2 (batch norm needs two images), got " + s.batch());
        if (s.threads() < 1) throw new BadInputException("--threads must be positive, got " + s.threads());
        if (s.warmup() < 0) throw new BadInputException("--warmup must be at least 0, got " + s.warmup());
        if (s.steps() < 1) throw new BadInputException("--steps must be positive, got " + s.steps());
        if (s.repeats() < 1) throw new BadInputException("--repeats must be positive, got " + s.repeats());
    }

    /**
     * Runs the benchmark; {@code python} null skips the peer; {@code peerTuned} gives it the trainer's native settings. Returns the rows after printing them
     * and, if {@code output} is not null, appending them to it.
     */
    public static List<HvcThroughputBench.Row> run(HvcThroughputBench.Settings s, String python, boolean peerTuned, Path peerScript, Path output,
                                                   String command, PrintWriter out) {
        List<String> why = new ArrayList<>();
        Optional<PythonPeer> peer = Optional.empty();
        if (python == null) {
            why.add("the peer was turned off (--no-peer)");
        } else {
            peer = PythonPeer.find(python, peerScript, peerTuned, why);
        }
        if (peer.isEmpty()) out.println("frugal bench: PyTorch-from-Python peer skipped: " + why.get(0));
        String loadBefore = MachineInfo.loadAverage();
        List<HvcThroughputBench.Row> rows = new HvcThroughputBench(s, peer, out).run();
        String table = HvcThroughputBench.table(rows, s.threads());
        out.println();
        out.print(table);
        out.flush();
        if (output != null) {
            BenchmarkSection section = BenchmarkSection.onThisMachine("HVC training throughput", command, loadBefore)
                    .fact("DJL", ai.djl.engine.Engine.getDjlVersion() + ", PyTorch " + ai.djl.engine.Engine.getInstance().getVersion())
                    .fact("peer", peer.map(p -> "PyTorch " + p.torchVersion() + " from " + python + ", bench/peers/hvc_train.py, with "
                                    + p.environment())
                            .orElse("skipped: " + String.join("; ", why)))
                    .fact("runs", s.repeats() + " runs per shape, each " + s.warmup() + " warm-up + " + s.steps()
                            + " timed steps, DJL and peer steps interleaved; figures are median [min–max] over steps (ratios: over step pairs)")
                    .table(table);
            section.appendTo(output);
            out.println("frugal bench: appended to " + output);
        }
        return rows;
    }
}
