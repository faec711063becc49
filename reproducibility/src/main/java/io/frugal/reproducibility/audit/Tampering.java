package io.frugal.reproducibility.audit;

/** One sign that a run store no longer says what was computed: which run, what kind, and what differs. */
public record Tampering(String runId, Kind kind, String detail) {
    public enum Kind {
        DATASET_CHANGED("dataset file changed since the run"),
        CONFIG_EDITED("config.json edited after planning"),
        RESULT_MISMATCH("result.json does not match metrics.jsonl"),
        OUTPUT_EDITED("result.json or metrics.jsonl edited after the run ended"),
        DIRTY_TREE("trained from a dirty tree"),
        PROVENANCE_MISSING("no usable provenance.json");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    @Override
    public String toString() {
        return "run " + runId + ": " + kind.label() + ": " + detail;
    }
}
