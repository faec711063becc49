package io.frugal.harness.bench;

import io.frugal.methods.flow.FlowStepTiming;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code frugal bench flow}: the flow trainer's full-batch step (noise, forward, backward, Adam
 * over all T networks) at one shape, in pairs with the same step of the PyTorch-from-Python peer
 * (DJL step, peer step, DJL step, ...), so that both sides of a pair see the same machine load;
 * the ratio is the median of the per-pair ratios peer / DJL (above 1: frugal is faster). The
 * paper-scale run time is extrapolated from the measured median step, not measured.
 */
public final class FlowStepBench {
    /** The paper's optimizer steps at d = 5000. */
    static final long PAPER_STEPS = 40_000;

    public record Settings(int dimension, int grid, int points, int threads, int warmup, int steps) {}

    private FlowStepBench() {}

    public static void run(Settings s, String python, Path peerScript, Path record, String command, PrintWriter out) {
        String loadBefore = MachineInfo.loadAverage();
        List<String> why = new ArrayList<>();
        Optional<PythonPeer> peer = python == null ? Optional.empty() : PythonPeer.find(python, peerScript, false, why);
        if (python == null) why.add("--no-peer");
        List<Double> peerSeconds = new ArrayList<>();
        FlowStepTiming.Timing timing;
        if (peer.isPresent()) {
            try (PythonPeer.Session session = peer.get().serve(List.of("--dimension", Integer.toString(s.dimension()), "--grid", Integer.toString(s.grid()),
                    "--points", Integer.toString(s.points()), "--threads", Integer.toString(s.threads()), "--warmup", Integer.toString(s.warmup())), 1800)) {
                long values = (long) s.grid() * (2 + 2L * s.dimension());
                if (session.trainedParameters() != values) {
                    throw new IllegalStateException("the peer trains " + session.trainedParameters() + " values, frugal " + values);
                }
                timing = FlowStepTiming.measure(FlowStepTiming.shape(s.dimension(), s.grid(), s.points()), s.warmup(), s.steps(),
                        () -> peerSeconds.add(session.step()));
            }
        } else {
            timing = FlowStepTiming.measure(FlowStepTiming.shape(s.dimension(), s.grid(), s.points()), s.warmup(), s.steps(), () -> { });
        }
        double djl = timing.medianStepSeconds();
        Double peerMedian = null;
        Double ratio = null;
        if (!peerSeconds.isEmpty()) {
            List<Double> ratios = new ArrayList<>();
            for (int i = 0; i < peerSeconds.size(); i++) ratios.add(peerSeconds.get(i) / timing.stepSeconds().get(i));
            ratio = median(ratios);
            peerMedian = median(peerSeconds);
        }
        StringBuilder t = new StringBuilder();
        t.append("| shape (d, T, n) | threads | frugal step (median s) | PyTorch peer step (median s) | ratio peer/frugal (median of pairs) | paired steps |\n");
        t.append("|---|---|---|---|---|---|\n");
        t.append(String.format(Locale.ROOT, "| %d, %d, %d | %d | %.3f | %s | %s | %d |%n", s.dimension(), s.grid(), s.points(), s.threads(), djl,
                peerMedian == null ? "skipped" : String.format(Locale.ROOT, "%.3f", peerMedian),
                ratio == null ? "-" : String.format(Locale.ROOT, "%.2f", ratio), s.steps()));
        t.append('\n');
        t.append(String.format(Locale.ROOT, "| one step's parts (s) | noise | loss + gradient (draws the noise again) | Adam |%n|---|---|---|---|%n| | %.3f | %.3f | %.3f |%n",
                timing.noiseSeconds(), timing.lossAndGradientSeconds(), timing.adamSeconds()));
        double paperRun = djl * PAPER_STEPS;
        BenchmarkSection section = BenchmarkSection.onThisMachine("Flow training step", command, loadBefore).table(t.toString())
                .fact("peer", peer.map(p -> "python3 torch " + p.torchVersion() + ", " + p.environment()).orElse("skipped (" + String.join("; ", why) + ")"))
                .note(String.format(Locale.ROOT, "Paper-scale run (d = %d, T = %d, n = %d, %d steps), EXTRAPOLATED from the measured median step, "
                        + "not measured: %.0f s = %.2f h of training per run, before sampling; the paper profile of manifests/flow-mixture.yaml "
                        + "has 3 learned runs per (d, seed), whose step cost grows about linearly in d.", s.dimension(), s.grid(), s.points(), PAPER_STEPS,
                        paperRun, paperRun / 3600));
        if (record != null) section.appendTo(record);
        out.println();
        out.print(t);
        out.printf(Locale.ROOT, "paper-scale run: %.0f s of training (extrapolated: %d steps x the median step)%n", paperRun, PAPER_STEPS);
        if (record != null) out.println("frugal bench: appended to " + record);
        out.flush();
    }

    static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        s.sort(null);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
}
