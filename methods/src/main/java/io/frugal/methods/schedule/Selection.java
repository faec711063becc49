package io.frugal.methods.schedule;

import java.util.Locale;

/**
 * How an epoch's share of the training set is chosen. The paper draws a fresh random subset each
 * epoch; the other two policies exist so that other readings of Data Increment / Data Cut can be
 * written in a manifest without code changes.
 */
public enum Selection {
    /** A fresh uniform random subset (without replacement) every epoch. The paper's reading. */
    RANDOM,
    /** One seeded permutation for the whole run; an epoch with fraction f takes its first f·N items,
     *  so subsets are nested (growing for Increment, shrinking for Cut). */
    FIXED,
    /** One seeded permutation cut into consecutive windows: successive epochs take disjoint parts
     *  in rotation, wrapping around, so every example is seen before any is repeated. */
    ROTATION;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Selection parse(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
