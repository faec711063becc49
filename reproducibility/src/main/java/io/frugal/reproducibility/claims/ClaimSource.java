package io.frugal.reproducibility.claims;

/** Where a claim's number comes from; OUR_READING marks what the paper does not state explicitly. */
public enum ClaimSource {
    TABLE, FIGURE, TEXT, OUR_READING;

    public String label() {
        return this == OUR_READING ? "our reading" : name().toLowerCase(java.util.Locale.ROOT);
    }

    static ClaimSource parse(String s) {
        return switch (s) {
            case "table" -> TABLE;
            case "figure" -> FIGURE;
            case "text" -> TEXT;
            case "our reading" -> OUR_READING;
            default -> null;
        };
    }
}
