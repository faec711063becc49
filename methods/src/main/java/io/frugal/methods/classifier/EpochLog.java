package io.frugal.methods.classifier;

import io.frugal.methods.train.EpochMetrics;
import io.frugal.methods.train.TrainingListener;
import java.io.PrintWriter;
import java.util.Locale;

/** Writes one line per epoch to the trainer's output (its log.txt under an executor). */
final class EpochLog implements TrainingListener {
    private final PrintWriter out;
    private int epochs;

    EpochLog(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void started(int epochs, long plannedEvaluations, int fromEpoch, int fromBatch) {
        this.epochs = epochs;
        if (fromEpoch > 0 || fromBatch > 0) {
            out.printf(Locale.ROOT, "resuming at epoch %d, batch %d%n", fromEpoch + 1, fromBatch);
        }
        out.printf(Locale.ROOT, "%d epochs, %d planned evaluations%n", epochs, plannedEvaluations);
        out.flush();
    }

    @Override
    public void epochFinished(EpochMetrics m) {
        out.printf(Locale.ROOT, "epoch %d/%d: fraction %.4f, %d images, loss %.4f, top-1 %.2f%%, lr %.3g, train %.1f s, eval %.1f s%n",
                m.epoch(), epochs, m.fraction(), m.images(), m.loss(), 100 * m.top1(), m.lr(), m.trainSeconds(), m.evalSeconds());
        out.flush();
    }
}
