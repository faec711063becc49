package io.frugal.methods.flowimages;

import io.frugal.core.random.SeededRandom;
import java.util.List;

/**
 * How a batch's diffusion times are drawn: uniform on [0, 1], or from sections [from, to) each
 * holding a fixed share of every batch (stratified: the counts per section are the same in every
 * batch, the cumulative shares rounded, so a 32-image batch with shares 1/4, 1/2, 1/4 has exactly
 * 8, 16 and 8 times), uniform within a section.
 */
record TimeSampling(String type, List<Section> sections) {
    record Section(double from, double to, double share) {}

    static TimeSampling uniform() {
        return new TimeSampling("uniform", List.of(new Section(0, 1, 1)));
    }

    /** The batch's times in section order (the batch's images are already in random order). */
    double[] draw(int batch, SeededRandom rng) {
        double[] s = new double[batch];
        int at = 0;
        double cumulative = 0;
        for (Section sec : sections) {
            int start = (int) Math.round(cumulative * batch);
            cumulative += sec.share();
            int end = sec == sections.get(sections.size() - 1) ? batch : (int) Math.round(cumulative * batch);
            for (int i = start; i < end; i++) s[at++] = rng.uniform(sec.from(), sec.to());
        }
        return s;
    }

    /** The share of training times in [lo, hi), for the report. */
    double shareIn(double lo, double hi) {
        double out = 0;
        for (Section sec : sections) {
            double overlap = Math.max(0, Math.min(hi, sec.to()) - Math.max(lo, sec.from()));
            out += sec.share() * overlap / (sec.to() - sec.from());
        }
        return out;
    }
}
