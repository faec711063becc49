package io.frugal.harness.bench;

import io.frugal.analysis.report.TextTable;
import io.frugal.methods.data.DatasetInfo;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * HVC training throughput of the product's trainer beside the PyTorch-from-Python peer
 * (bench/peers/hvc_train.py): per input shape, {@code repeats} pairs of runs, each pair one DJL
 * run and one peer run back to back (alternating which goes first, so that a drift in the
 * machine's load does not favour one side), reported as medians and ranges of images/s and of the
 * per-pair ratio DJL / peer.
 */
public final class HvcThroughputBench {
    /** Generous: a CIFAR-shaped peer run of a dozen steps takes well under a minute on 2 cores. */
    private static final long PEER_TIMEOUT_SECONDS = 1800;

    public record Settings(List<String> datasets, double width, int batch, int threads, int warmup, int steps, int repeats) {}

    public record Row(HvcShape shape, long trainedParameters, Spread djl, Spread peer, Spread ratio) {}

    private final Settings settings;
    private final Optional<PythonPeer> peer;
    private final PrintWriter log;

    HvcThroughputBench(Settings settings, Optional<PythonPeer> peer, PrintWriter log) {
        this.settings = settings;
        this.peer = peer;
        this.log = log;
    }

    List<Row> run() {
        List<Row> rows = new ArrayList<>();
        for (String dataset : settings.datasets()) rows.add(measure(new HvcShape(dataset, settings.width(), settings.batch())));
        return rows;
    }

    private Row measure(HvcShape shape) {
        List<Double> djl = new ArrayList<>();
        List<Double> python = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        long parameters = DjlHvcTrainer.trainedParameters(shape);
        for (int r = 0; r < settings.repeats(); r++) {
            boolean peerFirst = peer.isPresent() && r % 2 == 1;
            Throughput p = peerFirst ? peerRun(shape, parameters) : null;
            Throughput d = DjlHvcTrainer.measure(shape, settings.warmup(), settings.steps(), false);
            if (peer.isPresent() && !peerFirst) p = peerRun(shape, parameters);
            djl.add(d.imagesPerSecond());
            String line = String.format(Locale.ROOT, "%s pair %d/%d: DJL %.1f images/s", shape.dataset(), r + 1, settings.repeats(), d.imagesPerSecond());
            if (p != null) {
                python.add(p.imagesPerSecond());
                ratios.add(d.imagesPerSecond() / p.imagesPerSecond());
                line += String.format(Locale.ROOT, ", peer %.1f images/s, ratio %.2f%s", p.imagesPerSecond(),
                        d.imagesPerSecond() / p.imagesPerSecond(), peerFirst ? " (peer ran first)" : "");
            }
            log.println(line);
            log.flush();
        }
        return new Row(shape, parameters, Spread.of(djl), python.isEmpty() ? null : Spread.of(python), ratios.isEmpty() ? null : Spread.of(ratios));
    }

    private Throughput peerRun(HvcShape shape, long parameters) {
        DatasetInfo info = shape.info();
        if (info.inputHeight() != info.inputWidth()) throw new IllegalArgumentException("the peer takes square inputs, not " + shape.inputLabel());
        Throughput t = peer.orElseThrow().measure(List.of(
                "--channels", Integer.toString(info.inputChannels()), "--size", Integer.toString(info.inputHeight()),
                "--classes", Integer.toString(info.classes()), "--convs", Integer.toString(shape.spec().convs()),
                "--width", Double.toString(shape.width()), "--batch", Integer.toString(shape.batch()),
                "--threads", Integer.toString(settings.threads()), "--warmup", Integer.toString(settings.warmup()),
                "--steps", Integer.toString(settings.steps())), PEER_TIMEOUT_SECONDS);
        // A faster peer that trains a different network would prove nothing.
        if (t.trainedParameters() != parameters) {
            throw new IllegalStateException("the peer trains " + t.trainedParameters() + " values but the DJL network " + parameters
                    + ": bench/peers/hvc_train.py no longer matches HvcNetwork");
        }
        return t;
    }

    static String table(List<Row> rows, int threads) {
        TextTable t = new TextTable().column("dataset (input)", false).column("width", true).column("batch", true)
                .column("threads", true).column("trained values", true).column("DJL images/s", true)
                .column("peer images/s", true).column("DJL / peer", true);
        for (Row r : rows) {
            t.row(List.of(r.shape().dataset() + " (" + r.shape().inputLabel() + ")", fmt(r.shape().width()),
                    Integer.toString(r.shape().batch()), Integer.toString(threads), Long.toString(r.trainedParameters()),
                    r.djl().format(1), r.peer() == null ? "skipped" : r.peer().format(1), r.ratio() == null ? "-" : r.ratio().format(2)));
        }
        return t.render();
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.1f", v) : Double.toString(v);
    }
}
