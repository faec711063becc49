package io.frugal.harness.bench;

import io.frugal.methods.data.DatasetInfo;
import io.frugal.methods.data.ImageSet;
import io.frugal.methods.data.LoadedDataset;
import io.frugal.core.random.SeededRandom;
import java.nio.file.Path;
import java.util.Map;

/**
 * Random images of a dataset's stored shape and class count. Throughput does not depend on pixel
 * values, and benchmarks must run where the dataset itself is not installed.
 */
final class SyntheticData {
    private SyntheticData() {}

    static LoadedDataset of(DatasetInfo info, int trainCount, int testCount) {
        return new LoadedDataset(info, images(info, trainCount, 1), images(info, testCount, 2), Path.of("synthetic"), Map.of());
    }

    static ImageSet images(DatasetInfo info, int count, long seed) {
        SeededRandom rng = SeededRandom.of(seed, "bench-images");
        int size = info.inputChannels() * info.inputHeight() * info.inputWidth();
        byte[] pixels = new byte[count * size];
        for (int i = 0; i < pixels.length; i++) pixels[i] = (byte) rng.nextInt(256);
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) labels[i] = rng.nextInt(info.classes());
        return new ImageSet(pixels, labels, count, info.inputChannels(), info.inputHeight(), info.inputWidth());
    }
}
