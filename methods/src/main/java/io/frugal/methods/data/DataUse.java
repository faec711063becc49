package io.frugal.methods.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What this training process's dataset loads used, for its provenance: the folder each dataset
 * came from and why earlier places on the search path were passed over (an empty FRUGAL_DATA
 * folder, a symbolic-link loop), and, for data a manifest declares as the user's own
 * ({@code own_data: true}), which files differ from the published ones. Without that declaration
 * a checksum mismatch stops the load.
 */
public final class DataUse {
    /** One dataset load. {@code passedOver}: places searched before {@code folder}, each with why it was not used. */
    public record Load(String dataset, Path folder, String origin, List<String> passedOver, List<String> mismatches) {}

    private static volatile boolean ownData;
    private static final List<Load> LOADS = new ArrayList<>();

    private DataUse() {}

    /** Set by the trainer command from the run's config before training. */
    public static void declareOwnData(boolean own) {
        ownData = own;
    }

    public static boolean ownData() {
        return ownData;
    }

    static synchronized void record(Load load) {
        LOADS.add(load);
    }

    public static synchronized List<Load> loads() {
        return List.copyOf(LOADS);
    }
}
