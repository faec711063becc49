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
 * (bench/peers/hvc_train.py): per input shape, {@code repeats} runs of the real trainer, each with
 * a peer process whose steps are interleaved with the trainer's (DJL step, peer step, DJL step,
 * ...), so that the two steps of a pair see the same load even on a machine shared with other
 * work. Reported per step pair: medians and ranges of images/s and of the ratio DJL / peer.
 */
public final class HvcThroughputBench {
    /** Generous: a full-width CIFAR-shaped peer step takes seconds on 2 cores, its start-up well under a minute. */
    private static final long PEER_TIMEOUT_SECONDS = 600;

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
            List<Double> peerSeconds = new ArrayList<>();
            Throughput d;
            if (peer.isPresent()) {
                try (PythonPeer.Session session = startPeer(shape, parameters)) {
                    d = DjlHvcTrainer.measure(shape, settings.warmup(), settings.steps(), () -> peerSeconds.add(session.step()));
                }
            } else {
                d = DjlHvcTrainer.measure(shape, settings.warmup(), settings.steps(), () -> { });
            }
            for (int i = 0; i < d.stepSeconds().size(); i++) {
                djl.add(shape.batch() / d.stepSeconds().get(i));
                if (!peerSeconds.isEmpty()) {
                    python.add(shape.batch() / peerSeconds.get(i));
                    ratios.add(peerSeconds.get(i) / d.stepSeconds().get(i));
                }
            }
            String line = String.format(Locale.ROOT, "%s run %d/%d: DJL %.1f images/s", shape.dataset(), r + 1, settings.repeats(), d.imagesPerSecond());
            if (!peerSeconds.isEmpty()) {
                double peerRate = Throughput.of(shape.batch(), peerSeconds, parameters).imagesPerSecond();
                line += String.format(Locale.ROOT, ", peer %.1f images/s, ratio %.2f", peerRate, d.imagesPerSecond() / peerRate);
            }
            log.println(line);
            log.flush();
        }
        return new Row(shape, parameters, Spread.of(djl), python.isEmpty() ? null : Spread.of(python), ratios.isEmpty() ? null : Spread.of(ratios));
    }

    private PythonPeer.Session startPeer(HvcShape shape, long parameters) {
        DatasetInfo info = shape.info();
        if (info.inputHeight() != info.inputWidth()) throw new IllegalArgumentException("the peer takes square inputs, not " + shape.inputLabel());
        PythonPeer.Session session = peer.orElseThrow().serve(List.of(
                "--channels", Integer.toString(info.inputChannels()), "--size", Integer.toString(info.inputHeight()),
                "--classes", Integer.toString(info.classes()), "--convs", Integer.toString(shape.spec().convs()),
                "--width", Double.toString(shape.width()), "--batch", Integer.toString(shape.batch()),
                "--threads", Integer.toString(settings.threads()), "--warmup", Integer.toString(settings.warmup()),
                "--steps", Integer.toString(settings.steps())), PEER_TIMEOUT_SECONDS);
        // A faster peer that trains a different network would prove nothing.
        if (session.trainedParameters() != parameters) {
            session.close();
            throw new IllegalStateException("the peer trains " + session.trainedParameters() + " values but the DJL network " + parameters
                    + ": bench/peers/hvc_train.py no longer matches HvcNetwork");
        }
        return session;
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
