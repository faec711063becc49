package io.frugal.reproducibility.claims;

/**
 * The paper's number for a claim: its mean, and its standard deviation and number of runs where
 * the paper gives them (null where it does not; a point value is then judged by the ε rule).
 */
public record PaperValue(double mean, Double sd, Integer n) {
    public boolean hasSpread() {
        return sd != null && n != null && n >= 2;
    }
}
