package io.frugal.methods.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import io.frugal.core.config.ConfigException;
import io.frugal.core.config.ConfigProblem;
import io.frugal.core.config.ConfigReader;
import io.frugal.core.random.SeededRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * A data schedule: which fraction of the training set each epoch trains on, and how that share is
 * chosen. Every schedule of the paper is a piecewise one: sections that end at a fraction of
 * training ({@code until}) and carry a data fraction each.
 *
 * <p>Rounding rules, used everywhere (plan, trainer, report):
 * <ul>
 *   <li>a section boundary at fraction s of training is epoch {@code round(s·E)};</li>
 *   <li>an epoch with fraction f trains on {@code round(f·N)} images (at least 1);</li>
 *   <li>{@code round(x) = floor(x + 0.5)}, computed on exact decimals so 0.5 never flips.</li>
 * </ul>
 * Evaluations (images forwarded and back-propagated) are the sum of the per-epoch counts.
 */
public final class Schedule {
    public static final Set<String> TYPES = Set.of("full", "step", "increment", "cut", "piecewise");

    /** One piece of a schedule: up to fraction {@code until} of training, train on {@code fraction}. */
    public record Section(double until, double fraction) {}

    private final String type;
    private final List<Section> sections;
    private final Selection selection;

    public Schedule(String type, List<Section> sections, Selection selection) {
        this.type = type;
        this.sections = List.copyOf(sections);
        this.selection = selection;
    }

    public static Schedule full() {
        return new Schedule("full", List.of(new Section(1.0, 1.0)), Selection.RANDOM);
    }

    /** Data Step: fraction p for the first s of training, then the whole set. */
    public static Schedule step(double p, double s) {
        return new Schedule("step", List.of(new Section(s, p), new Section(1.0, 1.0)), Selection.RANDOM);
    }

    /** Data Increment: k equal sections training on 1/k, 2/k, ..., 1 of the data. */
    public static Schedule increment(int k) {
        List<Section> out = new ArrayList<>();
        for (int j = 1; j <= k; j++) out.add(new Section((double) j / k, (double) j / k));
        return new Schedule("increment", out, Selection.RANDOM);
    }

    /** Data Cut (our reading): k equal sections training on 1, (k-1)/k, ..., 1/k of the data. */
    public static Schedule cut(int k) {
        List<Section> out = new ArrayList<>();
        for (int j = 1; j <= k; j++) out.add(new Section((double) j / k, (double) (k - j + 1) / k));
        return new Schedule("cut", out, Selection.RANDOM);
    }

    public String type() { return type; }
    public List<Section> sections() { return sections; }
    public Selection selection() { return selection; }

    public Schedule withSelection(Selection s) {
        return new Schedule(type, sections, s);
    }

    /**
     * Reads a schedule object (the {@code schedule} of a run config), recording every problem
     * under {@code r}'s pointer. Returns null if it is unusable.
     */
    public static Schedule read(ConfigReader r) {
        int before = r.problems().size();
        String type = r.choice("type", null, true, TYPES);
        String sel = r.choice("selection", "random", false, Set.of("random", "fixed", "rotation"));
        Schedule s = null;
        if (type != null) {
            switch (type) {
                case "full" -> {
                    r.rejectUnknown(Set.of("type", "selection"));
                    s = full();
                }
                case "step" -> {
                    r.rejectUnknown(Set.of("type", "selection", "start_fraction", "full_from"));
                    double p = r.number("start_fraction", Double.NaN, true, 0, true, 1);
                    double until = r.number("full_from", Double.NaN, true, 0, true, 1);
                    if (!Double.isNaN(p) && !Double.isNaN(until)) {
                        s = until >= 1.0 ? new Schedule("step", List.of(new Section(1.0, p)), Selection.RANDOM) : step(p, until);
                    }
                }
                case "increment", "cut" -> {
                    r.rejectUnknown(Set.of("type", "selection", "parts"));
                    long k = r.integer("parts", -1, true, 1, 10_000);
                    if (k > 0) s = type.equals("increment") ? increment((int) k) : cut((int) k);
                }
                case "piecewise" -> {
                    r.rejectUnknown(Set.of("type", "selection", "sections"));
                    s = readPiecewise(r);
                }
                default -> throw new IllegalStateException(type);
            }
        }
        if (r.problems().size() > before || s == null) return null;
        return s.withSelection(Selection.parse(sel));
    }

    private static Schedule readPiecewise(ConfigReader r) {
        JsonNode list = r.node() == null ? null : r.node().get("sections");
        if (list == null || list.isNull()) {
            r.problem("sections", "is required: a list of {until, fraction}");
            return null;
        }
        if (!list.isArray() || list.isEmpty()) {
            r.problem("sections", "must be a non-empty list of {until, fraction}");
            return null;
        }
        List<Section> out = new ArrayList<>();
        double previous = 0;
        boolean ok = true;
        for (int i = 0; i < list.size(); i++) {
            ConfigReader sr = new ConfigReader(list.get(i), r.at("sections") + "/" + i, r.problems());
            if (!list.get(i).isObject()) {
                sr.problem(null, "must be an object {until, fraction}");
                ok = false;
                continue;
            }
            sr.rejectUnknown(Set.of("until", "fraction"));
            double until = sr.number("until", Double.NaN, true, 0, true, 1);
            double fraction = sr.number("fraction", Double.NaN, true, 0, true, 1);
            if (Double.isNaN(until) || Double.isNaN(fraction)) {
                ok = false;
                continue;
            }
            if (until <= previous) {
                sr.problem("until", "sections must end in increasing order: " + until + " does not come after " + previous);
                ok = false;
            }
            previous = Math.max(previous, until);
            out.add(new Section(until, fraction));
        }
        if (ok && previous < 1.0) {
            r.problem("sections", "sections do not cover the run: the last one ends at " + previous + " of training, not at 1");
            ok = false;
        }
        return ok ? new Schedule("piecewise", out, Selection.RANDOM) : null;
    }

    public static Schedule parse(JsonNode node) {
        List<ConfigProblem> problems = new ArrayList<>();
        Schedule s = read(ConfigReader.root(node, problems));
        if (!problems.isEmpty() || s == null) throw new ConfigException(problems);
        return s;
    }

    /** {@code floor(x + 0.5)} with the product done in decimal, so that 0.25·60000 is exact. */
    public static long round(double a, long b) {
        return new java.math.BigDecimal(Double.toString(a)).multiply(java.math.BigDecimal.valueOf(b))
                .add(new java.math.BigDecimal("0.5")).setScale(0, java.math.RoundingMode.FLOOR).longValueExact();
    }

    /** The epoch at which each section ends (exclusive), for a run of {@code epochs}. */
    public int[] sectionEnds(int epochs) {
        int[] ends = new int[sections.size()];
        for (int i = 0; i < ends.length; i++) ends[i] = (int) round(sections.get(i).until(), epochs);
        return ends;
    }

    /**
     * Problems that only show for a given run length: a section that rounds to no epoch at all
     * (e.g. 10 sections in 4 epochs) would silently change the schedule, so it is an error.
     */
    public List<String> checkFor(int epochs) {
        List<String> out = new ArrayList<>();
        int[] ends = sectionEnds(epochs);
        int start = 0;
        for (int i = 0; i < ends.length; i++) {
            if (ends[i] <= start) {
                out.add("section " + (i + 1) + " of " + ends.length + " (until " + sections.get(i).until()
                        + ") gets no epoch when the run has " + epochs + " epochs; use at least "
                        + minimumEpochs() + " epochs");
                break;
            }
            start = ends[i];
        }
        return out;
    }

    /** The smallest number of epochs for which every section gets at least one epoch. */
    public int minimumEpochs() {
        for (int e = 1; e < 100_000; e++) {
            int[] ends = sectionEnds(e);
            int start = 0;
            boolean ok = true;
            for (int end : ends) {
                if (end <= start) { ok = false; break; }
                start = end;
            }
            if (ok) return e;
        }
        return Integer.MAX_VALUE;
    }

    /** Data fraction of epoch {@code epoch} (0-based) of a run of {@code epochs}. */
    public double fraction(int epoch, int epochs) {
        return fractionAt(epoch, sectionEnds(epochs));
    }

    private double fractionAt(int epoch, int[] ends) {
        for (int i = 0; i < ends.length; i++) {
            if (epoch < ends[i]) return sections.get(i).fraction();
        }
        return sections.get(sections.size() - 1).fraction();
    }

    /** Images trained on in epoch {@code epoch}: round(f·N), at least 1. */
    public int imagesInEpoch(int epoch, int epochs, int n) {
        return imagesAt(epoch, sectionEnds(epochs), n);
    }

    private int imagesAt(int epoch, int[] ends, int n) {
        return (int) Math.max(1, Math.min(n, round(fractionAt(epoch, ends), n)));
    }

    /** Images per epoch for the whole run (the section boundaries computed once). */
    public int[] imagesPerEpoch(int epochs, int n) {
        int[] ends = sectionEnds(epochs);
        int[] out = new int[epochs];
        for (int e = 0; e < epochs; e++) out[e] = imagesAt(e, ends, n);
        return out;
    }

    /** Planned evaluations of the whole run: Σ_e round(f(e)·N). */
    public long evaluations(int epochs, int n) {
        long total = 0;
        for (int images : imagesPerEpoch(epochs, n)) total += images;
        return total;
    }

    /** Evaluations as a fraction of the baseline's N·E. */
    public double evaluationRatio(int epochs, int n) {
        return (double) evaluations(epochs, n) / ((double) epochs * n);
    }

    /**
     * The indices of the training examples of epoch {@code epoch}, in the order they are trained
     * on. A pure function of (seed, epoch, schedule, N): nothing carried from earlier epochs.
     */
    public int[] select(long seed, int epoch, int epochs, int n) {
        int m = imagesInEpoch(epoch, epochs, n);
        int[] chosen;
        switch (selection) {
            case RANDOM -> {
                int[] perm = SeededRandom.of(seed, "subset", epoch).permutation(n);
                return Arrays.copyOf(perm, m);
            }
            case FIXED -> chosen = Arrays.copyOf(SeededRandom.of(seed, "subset-fixed").permutation(n), m);
            case ROTATION -> {
                int[] perm = SeededRandom.of(seed, "subset-rotation").permutation(n);
                int[] perEpoch = imagesPerEpoch(epochs, n);
                long cursor = 0;
                for (int e = 0; e < epoch; e++) cursor += perEpoch[e];
                chosen = new int[m];
                for (int i = 0; i < m; i++) chosen[i] = perm[(int) ((cursor + i) % n)];
            }
            default -> throw new IllegalStateException();
        }
        SeededRandom.of(seed, "order", epoch).shuffle(chosen);
        return chosen;
    }
}
