package io.frugal.analysis.compare;

import java.util.List;

/**
 * A run of one config (the same run id) in both stores whose results are not bitwise equal.
 * {@code bothCpu} says both ran on the CPU, where frugal's runs are deterministic and the results
 * should have been equal; {@code differences} names each differing value ("final_top1: A 0.755, B 0.756").
 */
public record RunMismatch(String runId, String cell, boolean bothCpu, List<String> differences) {
    public RunMismatch {
        differences = List.copyOf(differences);
    }
}
