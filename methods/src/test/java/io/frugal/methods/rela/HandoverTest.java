package io.frugal.methods.rela;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.function.LongToDoubleFunction;
import org.junit.jupiter.api.Test;

class HandoverTest {
    private static final double LOG_THRESHOLD = -Math.log(0.995);

    private static long run(Handover gate, long maxSteps, LongToDoubleFunction loss) {
        for (long t = 1; t <= maxSteps; t++) {
            if (gate.observe(t, loss.applyAsDouble(t))) return t;
        }
        return -1;
    }

    @Test
    void aLossEqualToTheInitialFastAverageSwitchesWhenSlowHasDecayedEnough() {
        // fast stays 1 exactly; slow − fast = 0.99^t, so the first t with 0.99^t <= −ln 0.995
        long predicted = (long) Math.ceil(Math.log(LOG_THRESHOLD) / Math.log(0.99));
        assertThat(predicted).isEqualTo(527);
        LossPlateauGate gate = LossPlateauGate.released();
        assertThat(run(gate, 10_000, t -> 1.0)).isEqualTo(predicted);
        assertThat(gate.handoverStep()).isEqualTo(predicted);
        assertThat(gate.handedOver()).isTrue();
        // once, for good: later steps never fire again
        for (long t = predicted + 1; t < predicted + 100; t++) assertThat(gate.observe(t, 1.0)).isFalse();
    }

    @Test
    void aConstantLowerLossSwitchesAtTheClosedFormStep() {
        // L = c: fast_t = c + (1 − c)·af^t; u_t = slow_t − c = as^t·(2 − c) + (1 − as)(1 − c)·af·(af^t − as^t)/(af − as)
        double c = 0.3, af = 0.999, as = 0.99;
        long predicted = -1;
        for (long t = 1; t < 100_000 && predicted < 0; t++) {
            double fast = c + (1 - c) * Math.pow(af, t);
            double slow = c + Math.pow(as, t) * (2 - c) + (1 - as) * (1 - c) * af * (Math.pow(af, t) - Math.pow(as, t)) / (af - as);
            if (Math.exp(-Math.max(slow - fast, 0)) >= 0.995) predicted = t;
        }
        assertThat(predicted).isGreaterThan(527);
        assertThat(run(LossPlateauGate.released(), 100_000, t -> c)).isEqualTo(predicted);
    }

    @Test
    void decayThenPlateauSwitchesWhereAnIndependentLoopSays() {
        LongToDoubleFunction curve = t -> t < 3000 ? 0.2 + 0.8 * Math.exp(-t / 600.0) : 0.2 + 0.8 * Math.exp(-5.0);
        double fast = 1.0, slow = 2.0;
        long expected = -1;
        for (long t = 1; t <= 50_000 && expected < 0; t++) {
            fast = 0.999 * fast + 0.001 * curve.applyAsDouble(t);
            slow = 0.99 * slow + 0.01 * fast;
            if (slow - fast <= LOG_THRESHOLD) expected = t;
        }
        assertThat(expected).isPositive();
        long got = run(LossPlateauGate.released(), 50_000, curve);
        assertThat(got).isEqualTo(expected);
        // it waits for the plateau: the loss still falls by more than 1% per 100 steps before step 2000
        assertThat(got).isGreaterThan(2000);
    }

    @Test
    void scalingKeepsTheSwitchAtTheSameFractionOfARunWithTheSameCurveShape() {
        long ref = LossPlateauGate.REFERENCE_STEPS;
        double[] fractions = new double[3];
        long[] lengths = {ref, ref / 10, ref / 40};
        for (int i = 0; i < lengths.length; i++) {
            long s = lengths[i];
            LongToDoubleFunction curve = t -> 0.3 + 0.7 * Math.exp(-8.0 * t / s);
            long at = run(LossPlateauGate.scaledTo(s, ref), s, curve);
            assertThat(at).as("run of %d steps", s).isPositive();
            fractions[i] = (double) at / s;
        }
        System.out.printf("gate switch fraction at S_ref, S_ref/10, S_ref/40: %.4f %.4f %.4f%n", fractions[0], fractions[1], fractions[2]);
        assertThat(fractions[1]).isCloseTo(fractions[0], within(0.005));
        assertThat(fractions[2]).isCloseTo(fractions[0], within(0.005));
        // the unscaled constants on the 40x shorter run switch at a very different point of it, or never
        long unscaled = run(LossPlateauGate.released(), ref / 40, t -> 0.3 + 0.7 * Math.exp(-8.0 * t / (ref / 40)));
        System.out.println("unscaled gate on S_ref/40: step " + unscaled + " of " + ref / 40);
        assertThat(unscaled < 0 || Math.abs((double) unscaled / (ref / 40) - fractions[0]) > 0.1).isTrue();
    }

    @Test
    void scaledConstantsFollowTheFormula() {
        // mean age A = a/(1 − a) scaled by S/S_ref: S = S_ref/10 gives ages 99.9 and 9.9
        LossPlateauGate g = LossPlateauGate.scaledTo(LossPlateauGate.REFERENCE_STEPS / 10, LossPlateauGate.REFERENCE_STEPS);
        assertThat(g.fastDecay()).isCloseTo(99.9 / 100.9, within(1e-12));
        assertThat(g.slowDecay()).isCloseTo(9.9 / 10.9, within(1e-12));
        LossPlateauGate same = LossPlateauGate.scaledTo(LossPlateauGate.REFERENCE_STEPS, LossPlateauGate.REFERENCE_STEPS);
        assertThat(same.fastDecay()).isCloseTo(0.999, within(1e-12));
        assertThat(same.slowDecay()).isCloseTo(0.99, within(1e-12));
        // very short runs: memories shrink towards none, never below zero
        assertThat(LossPlateauGate.scaledTo(1, LossPlateauGate.REFERENCE_STEPS).slowDecay()).isBetween(0.0, 0.003);
    }

    @Test
    void restoringTheStateContinuesAsIfUninterrupted() {
        LongToDoubleFunction curve = t -> 0.2 + Math.exp(-t / 300.0);
        long straight = run(LossPlateauGate.released(), 20_000, curve);
        LossPlateauGate first = LossPlateauGate.released();
        for (long t = 1; t <= 400; t++) assertThat(first.observe(t, curve.applyAsDouble(t))).isFalse();
        LossPlateauGate resumed = LossPlateauGate.released();
        resumed.restore(first.state());
        long at = -1;
        for (long t = 401; t <= 20_000 && at < 0; t++) if (resumed.observe(t, curve.applyAsDouble(t))) at = t;
        assertThat(at).isEqualTo(straight);
    }

    @Test
    void fixedFractionHandsOverAtItsStepOnce() {
        FixedFractionHandover h = new FixedFractionHandover(0.25, 1000);
        assertThat(h.plannedStep()).isEqualTo(250);
        assertThat(run(h, 1000, t -> 5.0)).isEqualTo(250);
        assertThat(h.observe(251, 0)).isFalse();
        assertThat(new FixedFractionHandover(0, 1000).plannedStep()).isEqualTo(1);
        // 30% of 10 epochs of 7 steps: after epoch 3, step 21
        assertThat(FixedFractionHandover.afterEpochs(0.3, 10, 7).plannedStep()).isEqualTo(21);
        assertThat(FixedFractionHandover.afterEpochs(0.34, 10, 7).plannedStep()).isEqualTo(21);
    }
}
