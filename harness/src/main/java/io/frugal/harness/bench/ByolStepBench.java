package io.frugal.harness.bench;

import io.frugal.core.BadInputException;
import io.frugal.methods.data.DatasetInfo;
import io.frugal.methods.data.Datasets;
import io.frugal.methods.data.ImageSet;
import io.frugal.methods.rela.ByolStepTiming;
import io.frugal.methods.rela.ByolTargetTiming;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code frugal bench byol}: the byol trainer's BYOL step (ResNet-18 with the CIFAR stem, two views,
 * target and online passes, symmetric loss, AdamW, moving-average target) beside the same step of
 * the PyTorch-from-Python peer (bench/peers/byol_train.py), in pairs (frugal step, peer step, ...) so
 * that both sides of a pair see the same load; the ratio is the median [min–max] of the per-pair
 * ratios peer seconds / frugal seconds (above 1: frugal is faster). frugal runs libtorch with oneDNN
 * off (it computes wrong convolutions on some CPUs); the peer runs with oneDNN (mkldnn) off, on, or
 * one session of each, interleaved: the like-for-like ratio is the one with both off. Then the
 * target stage: ReLA's targets for N synthetic CIFAR-shaped images, built and then reused.
 */
public final class ByolStepBench {
    /** Generous: a full-width peer step takes tens of seconds on 2 busy cores, its warm-up several of them. */
    private static final long PEER_TIMEOUT_SECONDS = 900;
    /** The target figure is for CIFAR's 50 000 training images. */
    static final int CIFAR_TRAIN_IMAGES = 50_000;
    static final List<String> PEER_ONEDNN = List.of("off", "on", "both");
    /** The step's images: a few batches' worth, so that batches differ; BYOL's views are drawn from them as in a run. */
    private static final int STEP_BATCHES = 4;

    /**
     * width: the ResNet-18's multiplier; pairs: timed step pairs after {@code warmup} untimed steps on
     * each side; peerOnednn: off, on or both; targetImages: image counts of the target stage (empty:
     * no target stage); targetWidth: the prior's width there; step: whether to run the step stage.
     */
    public record Settings(double width, int batch, int threads, int warmup, int pairs, String peerOnednn, boolean peerTuned,
                           boolean step, List<Integer> targetImages, double targetWidth) {}

    record StepResult(ByolStepTiming.Timing djl, List<String> peerModes, List<List<Double>> peerSeconds) {}

    record Result(StepResult step, List<ByolTargetTiming.Timing> targets) {}

    private ByolStepBench() {}

    /** Checks everything before anything runs or is written. */
    public static void validate(Settings s) {
        if (!(s.width() > 0 && s.width() <= 16)) throw new BadInputException("--width must be in (0, 16], got " + s.width());
        if (!(s.targetWidth() > 0 && s.targetWidth() <= 16)) throw new BadInputException("--target-width must be in (0, 16], got " + s.targetWidth());
        if (s.batch() < 2) throw new BadInputException("--batch must be at least 2 (batch norm needs two images), got " + s.batch());
        if (s.threads() < 1) throw new BadInputException("--threads must be positive, got " + s.threads());
        if (s.warmup() < 0) throw new BadInputException("--warmup must be at least 0, got " + s.warmup());
        if (s.pairs() < 1) throw new BadInputException("--pairs must be positive, got " + s.pairs());
        if (!PEER_ONEDNN.contains(s.peerOnednn())) {
            throw new BadInputException("--peer-onednn must be one of " + String.join(", ", PEER_ONEDNN) + ", got '" + s.peerOnednn() + "'");
        }
        for (int n : s.targetImages()) {
            if (n < 2) throw new BadInputException("--target-images must each be at least 2 (the targets' statistics need two images), got " + n);
        }
        if (!s.step() && s.targetImages().isEmpty()) throw new BadInputException("nothing to run: --no-step and no --target-images");
    }

    /** The peer sessions' mkldnn settings, in the order each pair runs them. */
    static List<String> peerModes(String peerOnednn) {
        return "both".equals(peerOnednn) ? List.of("off", "on") : List.of(peerOnednn);
    }

    /** Runs the stages, prints the tables and, if {@code record} is not null, appends them to it. {@code python} null skips the peer. */
    public static Result run(Settings s, String python, Path peerScript, Path record, String command, PrintWriter out) {
        String loadBefore = MachineInfo.loadAverage();
        List<String> why = new ArrayList<>();
        Optional<PythonPeer> peer = Optional.empty();
        if (python == null) {
            why.add("the peer was turned off (--no-peer)");
        } else if (s.step()) {
            peer = PythonPeer.find(python, peerScript, s.peerTuned(), why);
        }
        if (s.step() && peer.isEmpty()) out.println("frugal bench: PyTorch-from-Python peer skipped: " + why.get(0));
        StepResult step = s.step() ? step(s, peer, out) : null;
        List<ByolTargetTiming.Timing> targets = new ArrayList<>();
        for (int n : s.targetImages()) targets.add(targets(n, s.targetWidth(), out));
        Result result = new Result(step, targets);
        String tables = (step == null ? "" : stepTable(s, step)) + (step != null && !targets.isEmpty() ? "\n" : "")
                + (targets.isEmpty() ? "" : targetTable(s, targets));
        List<String> notes = notes(s, result);
        out.println();
        out.print(tables);
        for (String n : notes) out.println(n);
        if (record != null) {
            BenchmarkSection section = BenchmarkSection.onThisMachine("BYOL training step and targets", command, loadBefore)
                    .fact("DJL", ai.djl.engine.Engine.getDjlVersion() + ", PyTorch " + ai.djl.engine.Engine.getInstance().getVersion()
                            + ", oneDNN off (as in every trainer)")
                    .fact("peer", !s.step() ? "not run (no step stage)" : peer.map(p -> "PyTorch " + p.torchVersion() + " from " + python
                            + ", bench/peers/byol_train.py, with " + p.environment() + "; mkldnn " + String.join(" and ", peerModes(s.peerOnednn()))
                            + (peerModes(s.peerOnednn()).size() > 1 ? " (one peer process each, both in every pair)" : ""))
                            .orElse("skipped: " + String.join("; ", why)))
                    .fact("pairs", s.warmup() + " untimed warm-up step(s) on each side, then " + s.pairs()
                            + " timed pairs (frugal step, then each peer's step); figures are median [min–max] over steps, ratios over pairs")
                    .table(tables);
            for (String n : notes) section.note(n);
            section.appendTo(record);
            out.println("frugal bench: appended to " + record);
        }
        out.flush();
        return result;
    }

    private static StepResult step(Settings s, Optional<PythonPeer> peer, PrintWriter out) {
        DatasetInfo cifar = Datasets.info("cifar10");
        long[] values = ByolStepTiming.trainedValues(cifar.inputChannels(), s.width());
        List<String> modes = peer.isPresent() ? peerModes(s.peerOnednn()) : List.of();
        List<PythonPeer.Session> sessions = new ArrayList<>();
        List<List<Double>> peerSeconds = new ArrayList<>();
        try {
            for (String mode : modes) {
                out.printf(Locale.ROOT, "starting the peer (mkldnn %s): %d warm-up step(s)%n", mode, s.warmup());
                out.flush();
                sessions.add(startPeer(peer.get(), s, mode, values));
                peerSeconds.add(new ArrayList<>());
            }
            ImageSet images = SyntheticData.images(cifar, s.batch() * STEP_BATCHES, 1);
            out.printf(Locale.ROOT, "frugal: %d warm-up step(s), then %d timed pairs%n", s.warmup(), s.pairs());
            out.flush();
            int[] pair = {0};
            ByolStepTiming.Timing djl = ByolStepTiming.measure(images, s.width(), s.batch(), s.warmup(), s.pairs(), () -> {
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "pair %d/%d", ++pair[0], s.pairs()));
                for (int i = 0; i < sessions.size(); i++) {
                    double seconds = sessions.get(i).step();
                    peerSeconds.get(i).add(seconds);
                    line.append(String.format(Locale.ROOT, ", peer (mkldnn %s) %.2f s", modes.get(i), seconds));
                }
                out.println(line);
                out.flush();
            });
            if (djl.onlineValues() != values[0] || djl.targetValues() != values[1]) {
                throw new IllegalStateException("the trainer trained " + djl.onlineValues() + " / " + djl.targetValues() + " values, the bench counted "
                        + values[0] + " / " + values[1]);
            }
            for (int i = 0; i < djl.stepSeconds().size(); i++) {
                out.printf(Locale.ROOT, "frugal step %d: %.2f s (views %.3f s)%n", i + 1, djl.stepSeconds().get(i), djl.viewSeconds().get(i));
            }
            return new StepResult(djl, modes, peerSeconds);
        } finally {
            for (PythonPeer.Session session : sessions) session.close();
        }
    }

    private static PythonPeer.Session startPeer(PythonPeer peer, Settings s, String mode, long[] values) {
        PythonPeer.Session session = peer.serve(List.of("--width", Double.toString(s.width()), "--batch", Integer.toString(s.batch()),
                "--threads", Integer.toString(s.threads()), "--warmup", Integer.toString(s.warmup()), "--mkldnn", mode), PEER_TIMEOUT_SECONDS);
        long target = session.ready().path("target_parameters").asLong();
        // a faster peer that trains different networks would prove nothing
        if (session.trainedParameters() != values[0] || target != values[1]) {
            session.close();
            throw new IllegalStateException("the peer trains " + session.trainedParameters() + " values (target " + target + "), frugal's BYOL "
                    + values[0] + " (target " + values[1] + "): bench/peers/byol_train.py no longer matches the byol trainer's networks");
        }
        return session;
    }

    private static ByolTargetTiming.Timing targets(int images, double width, PrintWriter out) {
        out.printf(Locale.ROOT, "targets: %d synthetic 3x32x32 images, ResNet-18 prior at width %s%n", images, fmt(width));
        out.flush();
        ImageSet set = SyntheticData.images(Datasets.info("cifar10"), images, 2);
        try (WorkDirectory dir = WorkDirectory.create("frugal-bench-targets")) {
            return ByolTargetTiming.measure(set, width, dir.path().resolve("targets"), out);
        }
    }

    static String stepTable(Settings s, StepResult r) {
        ByolStepTiming.Timing d = r.djl();
        List<Double> withoutViews = new ArrayList<>();
        for (int i = 0; i < d.stepSeconds().size(); i++) withoutViews.add(d.stepSeconds().get(i) - d.viewSeconds().get(i));
        StringBuilder t = new StringBuilder();
        t.append("| network | batch | threads | trained values (online / target) | frugal step s | of it BYOL's views s |");
        for (String m : r.peerModes()) t.append(" peer step s, mkldnn ").append(m).append(" | peer / frugal, mkldnn ").append(m)
                .append(" | peer / frugal without the views, mkldnn ").append(m).append(" |");
        t.append(" frugal images/s |\n|---|---:|---:|---:|---:|---:|");
        t.append("---:|---:|---:|".repeat(r.peerModes().size())).append("---:|\n");
        t.append(String.format(Locale.ROOT, "| ResNet-18 (CIFAR stem) w %s, 3x32x32, two views | %d | %d | %d / %d | %s | %s |", fmt(s.width()), s.batch(),
                s.threads(), d.onlineValues(), d.targetValues(), Spread.of(d.stepSeconds()).format(2), Spread.of(d.viewSeconds()).format(3)));
        for (int m = 0; m < r.peerModes().size(); m++) {
            List<Double> peer = r.peerSeconds().get(m);
            t.append(' ').append(Spread.of(peer).format(2)).append(" | ").append(Spread.of(ratios(peer, d.stepSeconds())).format(2)).append(" | ")
                    .append(Spread.of(ratios(peer, withoutViews)).format(2)).append(" |");
        }
        List<Double> rates = new ArrayList<>();
        for (double sec : d.stepSeconds()) rates.add(s.batch() / sec);
        t.append(' ').append(Spread.of(rates).format(1)).append(" |\n");
        return t.toString();
    }

    static String targetTable(Settings s, List<ByolTargetTiming.Timing> targets) {
        StringBuilder t = new StringBuilder();
        t.append("| target images | prior | k | build s (all) | embed s | PCA + standardise s | prior + key + cache write s | embedded images/s | reuse (cache read) s |\n");
        t.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (ByolTargetTiming.Timing x : targets) {
            double rest = x.buildSeconds() - x.embedSeconds() - x.whiteningSeconds();
            t.append(String.format(Locale.ROOT, "| %d | ResNet-18 (CIFAR stem) w %s | %d | %.1f | %.1f | %.2f | %.2f | %.0f | %.2f%s |%n", x.images(),
                    fmt(s.targetWidth()), x.k(), x.buildSeconds(), x.embedSeconds(), x.whiteningSeconds(), rest, x.images() / x.embedSeconds(),
                    x.reuseSeconds(), x.reused() ? "" : " (rebuilt!)"));
        }
        return t.toString();
    }

    private static List<String> notes(Settings s, Result r) {
        List<String> notes = new ArrayList<>();
        if (r.step() != null && !r.step().peerModes().isEmpty()) {
            notes.add("Step: the peer's views are its stored bytes turned into floats; frugal's step also draws BYOL's augmentation in Java "
                    + "(the views column), so 'peer / frugal' compares the whole trainer step with a peer that skips augmentation, and "
                    + "'without the views' the network work alone. The like-for-like engine comparison is with mkldnn off on both sides "
                    + "(frugal cannot turn oneDNN on: its convolutions are wrong on this CPU).");
        }
        if (!r.targets().isEmpty()) {
            ByolTargetTiming.Timing largest = r.targets().get(r.targets().size() - 1);
            for (ByolTargetTiming.Timing x : r.targets()) if (x.images() > largest.images()) largest = x;
            String synthetic = "Targets: synthetic random images (the cost does not depend on pixel values), prior = the student's own "
                    + "initial weights (rela.prior: random; a trained prior of the same architecture costs the same per image).";
            if (largest.images() < CIFAR_TRAIN_IMAGES) {
                synthetic += String.format(Locale.ROOT, " EXTRAPOLATED, not measured: %d images at this width ≈ %.0f s, the %d-image build "
                        + "scaled linearly (an upper bound: embedding, statistics and the cache's bytes grow with the image count, the "
                        + "prior's construction and the eigen-decomposition do not).", CIFAR_TRAIN_IMAGES,
                        largest.buildSeconds() * CIFAR_TRAIN_IMAGES / largest.images(), largest.images());
            }
            notes.add(synthetic);
        }
        return notes;
    }

    static List<Double> ratios(List<Double> peer, List<Double> djl) {
        List<Double> r = new ArrayList<>();
        for (int i = 0; i < peer.size(); i++) r.add(peer.get(i) / djl.get(i));
        return r;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.1f", v) : Double.toString(v);
    }
}
