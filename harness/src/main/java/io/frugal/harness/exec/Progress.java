package io.frugal.harness.exec;

import java.io.PrintWriter;
import java.util.List;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * What the executor tells the user while it works. On a terminal: a progress bar of runs done with
 * the epoch of each running run; elsewhere (a log file, CI, a SLURM output file) only one line per
 * finished run, so logs stay readable.
 */
public interface Progress extends AutoCloseable {
    /** A run being trained now: its label ("step-E3 fashion-mnist s1") and epochs done of total. */
    record Active(String label, int epochsDone, int epochs) {}

    void update(int finished, int total, List<Active> active);

    void message(String line);

    @Override
    void close();

    static Progress forConsole(PrintWriter out) {
        return System.console() != null ? new Bar(out) : new Lines(out);
    }

    /** Plain lines: one per finished run. */
    final class Lines implements Progress {
        private final PrintWriter out;

        public Lines(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void update(int finished, int total, List<Active> active) {}

        @Override
        public void message(String line) {
            out.println(line);
            out.flush();
        }

        @Override
        public void close() {}
    }

    /** A terminal progress bar (me.tongfei:progressbar) redrawn in place. */
    final class Bar implements Progress {
        private final PrintWriter out;
        private ProgressBar bar;

        Bar(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void update(int finished, int total, List<Active> active) {
            if (bar == null) {
                bar = new ProgressBarBuilder().setTaskName("runs").setInitialMax(total)
                        .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).continuousUpdate().build();
            }
            bar.maxHint(total);
            bar.stepTo(finished);
            StringBuilder extra = new StringBuilder();
            for (Active a : active) {
                if (extra.length() > 0) extra.append(" | ");
                extra.append(a.label()).append(" epoch ").append(a.epochsDone()).append('/').append(a.epochs());
            }
            bar.setExtraMessage(extra.toString());
        }

        @Override
        public void message(String line) {
            out.print("\r\033[K");
            out.println(line);
            out.flush();
        }

        @Override
        public void close() {
            if (bar != null) bar.close();
        }
    }
}
