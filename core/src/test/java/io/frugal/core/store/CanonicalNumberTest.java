package io.frugal.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.DoubleNode;
import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Run ids are hashes of canonical text, so the canonical text of a double must stay exactly what
 * the decimal path (BigDecimal, trailing zeros stripped, plain) gives, also where it is written
 * without a BigDecimal: any difference would change run ids and report fingerprints.
 */
class CanonicalNumberTest {
    private static String decimalPath(double v) {
        BigDecimal d = BigDecimal.valueOf(v).stripTrailingZeros();
        return d.signum() == 0 ? "0" : d.toPlainString();
    }

    @Test
    void doublesOfEveryMagnitudeAreWrittenAsTheirPlainDecimal() {
        SplittableRandom random = new SplittableRandom(14);
        double[] edges = {0.0, -0.0, 1.0, -1.0, 100.0, 0.001, 9_999_999.0, 1.0E7, 0.00099, 0.1 + 0.2, 1e-300, 1e300,
            Double.MIN_VALUE, Double.MAX_VALUE, 0.85, 12.5, 120.0, 3600.0, 1e-4, 0.25};
        for (double v : edges) assertThat(Json.canonical(DoubleNode.valueOf(v))).as("%s", v).isEqualTo(decimalPath(v));
        for (int i = 0; i < 200_000; i++) {
            double v = switch (i % 4) {
                case 0 -> random.nextDouble();
                case 1 -> (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-12, 12));
                case 2 -> Math.round(random.nextDouble() * 1e6) / Math.pow(10, random.nextInt(0, 8));
                default -> Double.longBitsToDouble(random.nextLong());
            };
            if (!Double.isFinite(v)) continue;
            assertThat(Json.canonical(DoubleNode.valueOf(v))).as("%s", v).isEqualTo(decimalPath(v));
        }
    }
}
