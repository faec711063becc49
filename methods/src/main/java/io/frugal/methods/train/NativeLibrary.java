package io.frugal.methods.train;

import ai.djl.util.ClassLoaderUtils;
import ai.djl.util.Platform;
import ai.djl.util.Utils;
import io.frugal.core.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * Checks, before DJL loads its engine, that the libtorch build bundled with frugal (a Maven
 * artifact: {@code pytorch-native-cpu}, or {@code pytorch-native-cu124} with {@code -Pcuda}) is
 * one DJL will use on this machine.
 *
 * <p>DJL takes a bundled build only if it fits the machine: a CUDA build only where it sees a GPU
 * whose driver supports the same CUDA major version. Otherwise it silently tries to download a
 * build that fits from publish.djl.ai, which on an offline compute node fails with an unhelpful
 * "Failed to save pytorch index file ... UnknownHostException". A {@code -Pcuda} frugal started
 * on a node without a GPU (a login node, a CPU partition, a job without {@code --gres=gpu}) is
 * the common case; this check says so instead.
 */
public final class NativeLibrary {
    private static final String ENGINE = "pytorch";

    private NativeLibrary() {}

    /** Throws {@link BadInputException} naming the bundled and the needed build when DJL would download one. */
    public static void requireBundledBuildFits() {
        // A libtorch of the user's own (PYTORCH_LIBRARY_PATH) or another version (PYTORCH_VERSION): DJL's rules, not ours.
        if (Utils.getEnvOrSystemProperty("PYTORCH_LIBRARY_PATH") != null || Utils.getEnvOrSystemProperty("PYTORCH_VERSION") != null) return;
        Platform chosen = Platform.detectPlatform(ENGINE);
        String system = Platform.fromSystem(ENGINE).getFlavor();
        problem(bundledFlavors(), !chosen.isPlaceholder(), system, System.getenv("CUDA_VISIBLE_DEVICES")).ifPresent(p -> {
            throw new BadInputException(p);
        });
    }

    /**
     * What is wrong, if anything: {@code bundled} are the flavors of the bundled builds on the class
     * path ("cpu", "cu124"), {@code oneFits} whether DJL found one that fits, {@code systemFlavor}
     * what DJL sees here ("cpu" without a usable GPU, else "cu" + the driver's CUDA version).
     */
    static Optional<String> problem(List<String> bundled, boolean oneFits, String systemFlavor, String cudaVisibleDevices) {
        if (oneFits) return Optional.empty();
        if (bundled.isEmpty()) {
            return Optional.of("no libtorch build is bundled with this frugal (no native/lib/pytorch.properties on the class path);"
                    + " rebuild it with ./mvnw package (CPU) or ./mvnw -Pcuda package (CUDA 12.4)");
        }
        String needs = systemFlavor.equals("cpu")
                ? "no CUDA GPU is usable on this machine (DJL sees none; CUDA_VISIBLE_DEVICES="
                        + (cudaVisibleDevices == null ? "unset" : "'" + cudaVisibleDevices + "'") + ")"
                : "this machine's GPU driver supports CUDA " + cudaVersion(systemFlavor) + " (" + systemFlavor + ")";
        return Optional.of("this frugal bundles the libtorch build(s) " + bundled + ", but " + needs + ", so DJL would try to download"
                + " another build, which fails offline. Run it on a node with an NVIDIA GPU and a driver for CUDA 12.x (for -Pcuda),"
                + " or rebuild without -Pcuda (./mvnw package) for CPU nodes.");
    }

    /** "cu118" → "11.8", as DJL writes the driver's CUDA version into the flavor without its dot. */
    static String cudaVersion(String flavor) {
        String digits = flavor.substring(2);
        return digits.length() < 2 ? digits : digits.substring(0, digits.length() - 1) + "." + digits.substring(digits.length() - 1);
    }

    private static List<String> bundledFlavors() {
        List<String> out = new ArrayList<>();
        try {
            for (URL url : Collections.list(ClassLoaderUtils.getContextClassLoader().getResources("native/lib/" + ENGINE + ".properties"))) {
                Properties p = new Properties();
                try (InputStream in = url.openStream()) {
                    p.load(in);
                }
                if (p.getProperty("placeholder") != null) continue;
                String flavor = p.getProperty("flavor");
                if (flavor == null) flavor = p.getProperty("classifier", "unknown").split("-")[0];
                out.add(flavor);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the bundled libtorch builds: " + e.getMessage(), e);
        }
        return out;
    }
}
