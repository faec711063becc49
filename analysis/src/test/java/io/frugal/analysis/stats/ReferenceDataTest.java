package io.frugal.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every statistic a table prints, against values SciPy computed independently for fixed cells
 * (ties, zero spread, one run, 12 against 12 seeds, unequal n, p-values down to 1e-11). The data
 * come from src/test/python/reference_stats.py, stored as JSON so the build needs no Python.
 */
class ReferenceDataTest {
    /** Relative tolerance for p-values, spreads, df, t, U and counts. */
    private static final double RELATIVE = 1e-9;
    /**
     * Means, differences, interval bounds and effect sizes: with the t quantile solved to full
     * accuracy these are right to 1e-12 relative (the default 1e-9 solver misses this by far).
     * p-values keep 1e-9: Commons Math's t tail is right to ~1e-12 relative only down to p ~ 1e-10.
     */
    private static final double BOUNDS = 1e-12;
    /**
     * Differences, effect sizes and interval bounds are also allowed 1e-15 absolute: where SciPy's
     * value is exactly 0 (equal means of different values) the Java sum can round to 1e-16.
     * Never used for p-values, spreads or counts, so tiny p-values are checked relatively.
     */
    private static final double LOCATION_FLOOR = 1e-15;

    private static JsonNode reference;
    private static Map<String, double[]> cells;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = ReferenceDataTest.class.getResourceAsStream("reference.json")) {
            reference = new ObjectMapper().readTree(in);
        }
        cells = new java.util.LinkedHashMap<>();
        reference.get("cells").fields().forEachRemaining(e -> {
            JsonNode v = e.getValue().get("values");
            double[] values = new double[v.size()];
            for (int i = 0; i < values.length; i++) values[i] = v.get(i).doubleValue();
            cells.put(e.getKey(), values);
        });
    }

    @Test
    void coversTheCasesThatBreakNaiveCode() {
        List<String> methods = new ArrayList<>();
        comparisons().forEach(c -> methods.add(c.get("rank_method").asText()));
        assertThat(methods).contains("EXACT", "NORMAL_APPROXIMATION", "NONE");
        assertThat(cells).containsKeys("same3", "one", "a12", "b12", "ties4", "u3", "u8");
        assertThat(reference.get("max_splits").asLong()).isEqualTo(RankTest.MAX_SPLITS);
    }

    @Test
    void cellSummaries() {
        SoftAssertions soft = new SoftAssertions();
        reference.get("cells").fields().forEachRemaining(e -> {
            Summary s = Summary.of(cells.get(e.getKey()));
            JsonNode r = e.getValue();
            String label = e.getKey();
            soft.assertThat(s.n()).as(label).isEqualTo(r.get("n").asInt());
            location(soft, label + " mean", s.mean(), r.get("mean"));
            relative(soft, label + " sd", s.sd(), r.get("sd"));
            relative(soft, label + " se", s.se(), r.get("se"));
            location(soft, label + " ci low", s.ciLow(), r.get("ci_low"));
            location(soft, label + " ci high", s.ciHigh(), r.get("ci_high"));
        });
        soft.assertAll();
    }

    @Test
    void welchTest() {
        check((d, r, label, soft) -> {
            Difference w = Difference.welch(d[0], d[1]);
            location(soft, label + " delta", w.delta(), r.get("delta"));
            relative(soft, label + " t", w.t(), r.get("welch_t"));
            relative(soft, label + " df", w.df(), r.get("welch_df"));
            relative(soft, label + " p", w.pValue(), r.get("welch_p"));
            location(soft, label + " ci low", w.ciLow(), r.get("ci_low"));
            location(soft, label + " ci high", w.ciHigh(), r.get("ci_high"));
            soft.assertThat(w.inFamily()).as(label + " in family").isEqualTo(r.get("in_family").asBoolean());
        });
    }

    @Test
    void rankTest() {
        check((d, r, label, soft) -> {
            Difference w = Difference.welch(d[0], d[1]);
            relative(soft, label + " rank p", w.rankP(), r.get("rank_p"));
            soft.assertThat(w.rankMethod().name()).as(label + " method").isEqualTo(r.get("rank_method").asText());
            if (w.rankMethod() != RankTest.Method.NONE) {
                relative(soft, label + " U", RankTest.test(d[0], d[1]).u(), r.get("u"));
            }
        });
    }

    @Test
    void holmFamiliesAreTheRowsWithTwoRunsASide() {
        List<JsonNode> rows = comparisons();
        double[] welch = new double[rows.size()];
        double[] rank = new double[rows.size()];
        boolean[] member = new boolean[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            Difference w = difference(rows.get(i));
            welch[i] = w.pValue();
            rank[i] = w.rankP();
            member[i] = w.inFamily();
        }
        assertThat(Holm.familySize(member)).isEqualTo(reference.get("holm_family_size").asInt());
        double[] welchHolm = Holm.adjust(welch, member);
        double[] rankHolm = Holm.adjust(rank, member);
        SoftAssertions soft = new SoftAssertions();
        for (int i = 0; i < rows.size(); i++) {
            String label = label(rows.get(i));
            relative(soft, label + " Welch Holm", welchHolm[i], rows.get(i).get("welch_p_holm"));
            relative(soft, label + " rank Holm", rankHolm[i], rows.get(i).get("rank_p_holm"));
        }
        soft.assertAll();
    }

    @Test
    void hedgesG() {
        check((d, r, label, soft) -> {
            HedgesG g = HedgesG.of(d[0], d[1]);
            location(soft, label + " g", g.g(), r.get("hedges_g"));
            location(soft, label + " g low", g.ciLow(), r.get("g_ci_low"));
            location(soft, label + " g high", g.ciHigh(), r.get("g_ci_high"));
        });
    }

    @Test
    void probabilityOfImprovement() {
        check((d, r, label, soft) -> relative(soft, label + " P(X>Y)", ProbabilityOfImprovement.of(d[0], d[1]),
                r.get("p_improvement")));
    }

    @Test
    void seedsPerArm() {
        check((d, r, label, soft) -> {
            double n = PowerAnalysis.seedsPerArm(d[0], d[1]);
            relative(soft, label + " seeds", n, r.get("seeds_per_arm"));
            // The shifted-t approximation against the exact noncentral t: at most one seed apart.
            JsonNode exact = r.get("seeds_per_arm_nct");
            if (exact.isNumber()) soft.assertThat(Math.abs(n - exact.asDouble())).as(label + " vs nct").isLessThanOrEqualTo(1);
        });
    }

    @Test
    void comparisonBundlesTheSameNumbers() {
        check((d, r, label, soft) -> {
            Comparison c = Comparison.of(d[0], d[1], 7, 200);
            soft.assertThat(c.difference()).as(label).isEqualTo(Difference.welch(d[0], d[1]));
            soft.assertThat(c.hedgesG()).as(label).isEqualTo(HedgesG.of(d[0], d[1]));
            soft.assertThat(c.bootstrapDelta()).as(label).isEqualTo(Bootstrap.difference(d[0], d[1], 7, 200));
            relative(soft, label + " P(X>Y)", c.probabilityOfImprovement(), r.get("p_improvement"));
            relative(soft, label + " seeds", c.seedsPerArm(), r.get("seeds_per_arm"));
        });
    }

    private interface Check {
        void run(double[][] data, JsonNode row, String label, SoftAssertions soft);
    }

    private static void check(Check check) {
        SoftAssertions soft = new SoftAssertions();
        for (JsonNode row : comparisons()) {
            check.run(new double[][] {cells.get(row.get("sample").asText()), cells.get(row.get("reference").asText())}, row,
                    label(row), soft);
        }
        soft.assertAll();
    }

    private static Difference difference(JsonNode row) {
        return Difference.welch(cells.get(row.get("sample").asText()), cells.get(row.get("reference").asText()));
    }

    private static List<JsonNode> comparisons() {
        List<JsonNode> rows = new ArrayList<>();
        reference.get("comparisons").forEach(rows::add);
        return rows;
    }

    private static String label(JsonNode row) {
        return row.get("sample").asText() + " vs " + row.get("reference").asText();
    }

    private static void relative(SoftAssertions soft, String label, double actual, JsonNode expected) {
        close(soft, label, actual, expected, RELATIVE, 0);
    }

    private static void location(SoftAssertions soft, String label, double actual, JsonNode expected) {
        close(soft, label, actual, expected, BOUNDS, LOCATION_FLOOR);
    }

    /** null is NaN, "inf" infinity; otherwise |actual − expected| ≤ tolerance |expected| + floor (so 0 must be exact). */
    private static void close(SoftAssertions soft, String label, double actual, JsonNode expected, double tolerance,
            double floor) {
        if (expected == null || expected.isNull()) {
            soft.assertThat(actual).as(label).isNaN();
        } else if (expected.isTextual()) {
            soft.assertThat(actual).as(label).isEqualTo(expected.asText().equals("inf") ? Double.POSITIVE_INFINITY
                    : Double.NEGATIVE_INFINITY);
        } else {
            double e = expected.doubleValue();
            soft.assertThat(Math.abs(actual - e)).as("%s: %s against %s", label, actual, e)
                    .isLessThanOrEqualTo(tolerance * Math.abs(e) + floor);
        }
    }

}
