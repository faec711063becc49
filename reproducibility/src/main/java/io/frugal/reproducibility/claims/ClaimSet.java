package io.frugal.reproducibility.claims;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * One paper's claims and what a reproduction report says about that paper: the datasets we stand
 * in for the paper's ({@code substitutions}), the paper's setup (config values; a run store whose
 * runs differ lists each as a deviation), the datasets the paper's experiments ran on (a store that
 * ran others, or not all of them, lists that as a deviation), deviations that are fixed choices of ours, and what was
 * easy and what was hard.
 */
public record ClaimSet(String paper, String title, String source, List<Substitution> substitutions,
        Map<String, JsonNode> paperSetup, List<String> paperDatasets, List<String> deviations, List<String> easy, List<String> hard, List<Claim> claims) {
    public ClaimSet {
        substitutions = List.copyOf(substitutions);
        paperSetup = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(paperSetup));
        paperDatasets = List.copyOf(paperDatasets);
        deviations = List.copyOf(deviations);
        easy = List.copyOf(easy);
        hard = List.copyOf(hard);
        claims = List.copyOf(claims);
    }

    /** A dataset of ours standing in for one of the paper's, and why. */
    public record Substitution(String ours, String paper, String why) {}
}
