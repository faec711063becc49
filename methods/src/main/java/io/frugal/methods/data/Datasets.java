package io.frugal.methods.data;

import io.frugal.core.BadInputException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The datasets frugal knows, by the name manifests use. Sizes here are the published ones. */
public final class Datasets {
    private static final Map<String, DatasetInfo> KNOWN = new LinkedHashMap<>();

    static {
        add(new DatasetInfo("mnist", "MNIST", 60_000, 10_000, 10, 1, 28, 28));
        add(new DatasetInfo("fashion-mnist", "Fashion-MNIST", 60_000, 10_000, 10, 1, 28, 28));
        add(new DatasetInfo("cifar10", "CIFAR-10 (binary version)", 50_000, 10_000, 10, 3, 32, 32));
        // smallNORB: first image of each 96x96 stereo pair, downscaled to 48x48, 32x32 crops.
        add(new DatasetInfo("smallnorb", "smallNORB", 24_300, 24_300, 5, 1, 32, 32));
    }

    private Datasets() {}

    private static void add(DatasetInfo info) {
        KNOWN.put(info.name(), info);
    }

    public static Set<String> names() {
        return KNOWN.keySet();
    }

    public static DatasetInfo info(String name) {
        DatasetInfo info = KNOWN.get(name);
        if (info == null) {
            throw new BadInputException("unknown dataset '" + name + "' (known: " + String.join(", ", KNOWN.keySet()) + ")");
        }
        return info;
    }
}
