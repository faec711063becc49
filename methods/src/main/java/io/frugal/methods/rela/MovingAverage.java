package io.frugal.methods.rela;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;

/**
 * BYOL's target network: ξ ← m·ξ + (1 − m)·θ after every optimiser step, over the trained
 * parameters of backbone + projector (m = 0.99 in the spec; BYOL's paper anneals it from 0.996, the
 * spec and ReLA's code keep it fixed). Only trained parameters are averaged: the target's batch
 * norms keep their own running statistics from their own forward passes, as in BYOL's code.
 */
public final class MovingAverage {
    /** The spec's momentum. */
    public static final double MOMENTUM = 0.99;

    private MovingAverage() {}

    /** The trained parameters of {@code block}, in the block's own (stable) order. */
    public static List<NDArray> trainedArrays(Block block) {
        List<NDArray> out = new ArrayList<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().requiresGradient()) out.add(p.getValue().getArray());
        }
        return out;
    }

    /** target ← m·target + (1 − m)·online, in place, element by element in the arrays' own precision. */
    public static void update(List<NDArray> target, List<NDArray> online, double momentum) {
        if (!(momentum >= 0 && momentum <= 1)) throw new IllegalArgumentException("momentum must be in [0, 1]: " + momentum);
        requireMatching(target, online);
        for (int i = 0; i < target.size(); i++) {
            NDArray t = target.get(i);
            try (NDArray scaled = online.get(i).mul(1 - momentum)) {
                t.muli(momentum).addi(scaled);
            }
        }
    }

    /** target ← online, in place: the target starts as a copy of the online network. */
    public static void copy(List<NDArray> target, List<NDArray> online) {
        requireMatching(target, online);
        for (int i = 0; i < target.size(); i++) online.get(i).copyTo(target.get(i));
    }

    private static void requireMatching(List<NDArray> target, List<NDArray> online) {
        if (target.size() != online.size()) {
            throw new IllegalArgumentException("target has " + target.size() + " parameters, online " + online.size());
        }
        for (int i = 0; i < target.size(); i++) {
            if (!target.get(i).getShape().equals(online.get(i).getShape())) {
                throw new IllegalArgumentException("parameter " + i + ": target " + target.get(i).getShape() + ", online "
                        + online.get(i).getShape());
            }
        }
    }
}
