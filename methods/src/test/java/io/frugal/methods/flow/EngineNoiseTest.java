package io.frugal.methods.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class EngineNoiseTest {
    @Test
    void aDrawDependsOnlyOnItsKey() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] first = EngineNoise.normal(m, new Shape(50, 40), DataType.FLOAT32, 9, "noise", 7, 0).toFloatArray();
            EngineNoise.normal(m, new Shape(1000), DataType.FLOAT32, 9, "noise", 3, 0); // other draws in between
            m.randomNormal(new Shape(77));
            float[] again = EngineNoise.normal(m, new Shape(50, 40), DataType.FLOAT32, 9, "noise", 7, 0).toFloatArray();
            assertThat(again).isEqualTo(first);
            assertThat(EngineNoise.normal(m, new Shape(50, 40), DataType.FLOAT32, 9, "noise", 8, 0).toFloatArray()).isNotEqualTo(first);
            assertThat(EngineNoise.normal(m, new Shape(50, 40), DataType.FLOAT32, 10, "noise", 7, 0).toFloatArray()).isNotEqualTo(first);
            double mean = 0;
            double sq = 0;
            for (float v : first) {
                mean += v;
                sq += v * v;
            }
            assertThat(mean / first.length).isCloseTo(0, within(0.1));
            assertThat(sq / first.length).isCloseTo(1, within(0.1));
        }
    }
}
