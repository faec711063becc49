package io.frugal.methods.data;

import io.frugal.core.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The datasets the self-supervised ({@code byol}) kind trains on: the classifier's standard ones plus
 * CIFAR-100 (binary version) and two image-folder datasets, Tiny-ImageNet (its published layout:
 * train/CLASS/images/*.JPEG, val/images + val_annotations.txt) and ImageNet-1K (train/CLASS/*.JPEG,
 * val/CLASS/*.JPEG, resized to shorter side 256 and centre-cropped to 224 at load time). Kept apart
 * from {@link Datasets} so that the classifier's list of known datasets stays as it is: the classifier
 * has no augmenter or network shape for them.
 */
public final class RepresentationDatasets {
    public static final String CIFAR100 = "cifar100";
    public static final String TINY_IMAGENET = "tiny-imagenet";
    public static final String IMAGENET = "imagenet1k";

    private static final Map<String, DatasetInfo> EXTRA = new LinkedHashMap<>();

    static {
        EXTRA.put(CIFAR100, new DatasetInfo(CIFAR100, "CIFAR-100 (binary version)", 50_000, 10_000, 100, 3, 32, 32));
        EXTRA.put(TINY_IMAGENET, new DatasetInfo(TINY_IMAGENET, "Tiny-ImageNet", 100_000, 10_000, 200, 3, 64, 64));
        EXTRA.put(IMAGENET, new DatasetInfo(IMAGENET, "ImageNet-1K (ILSVRC-2012)", 1_281_167, 50_000, 1000, 3, 224, 224));
    }

    private RepresentationDatasets() {}

    public static Set<String> names() {
        Set<String> out = new java.util.LinkedHashSet<>(Datasets.names());
        out.remove("smallnorb"); // stored at 48x48 and cropped by the classifier's own augmenter
        out.addAll(EXTRA.keySet());
        return out;
    }

    public static DatasetInfo info(String name) {
        DatasetInfo info = EXTRA.get(name);
        if (info != null) return info;
        if (!names().contains(name)) {
            throw new BadInputException("unknown dataset '" + name + "' (known: " + String.join(", ", names()) + ")");
        }
        return Datasets.info(name);
    }

    /** Loads a dataset: the standard ones through {@link DatasetLoader}, the others as described above. */
    public static LoadedDataset load(String name) {
        DatasetInfo info = info(name);
        DatasetLocator.Environment env = DatasetLocator.Environment.system();
        switch (name) {
            case CIFAR100 -> {
                DatasetSource source = DatasetCatalog.cifar100();
                DatasetLocator locator = new DatasetLocator(env, new DatasetCatalog(List.of(source)));
                return DatasetLoader.load(info, source, locator.locate(name));
            }
            case TINY_IMAGENET, IMAGENET -> {
                Path dir = imageFolderRoot(env, name);
                boolean tiny = TINY_IMAGENET.equals(name);
                ImageFolder.Sizing sizing = tiny ? ImageFolder.Sizing.asStored() : new ImageFolder.Sizing(256, 224, 3);
                ImageFolder.Index train = ImageFolder.scan(dir.resolve("train"),
                        tiny ? ImageFolder.Layout.TINY_IMAGENET_TRAIN : ImageFolder.Layout.CLASS_FOLDERS);
                ImageFolder.Index val = tiny ? ImageFolder.scanTinyImageNetVal(dir.resolve("val"), train.classes())
                        : ImageFolder.scan(dir.resolve("val"), ImageFolder.Layout.CLASS_FOLDERS, train.classes());
                // Image folders have thousands of files: provenance records the folder, not each file's hash
                return new LoadedDataset(info, ImageFolder.readAll(train, sizing), ImageFolder.readAll(val, sizing), dir,
                        Map.of("train/", "image folder, " + train.size() + " files", "val/", "image folder, " + val.size() + " files"));
            }
            default -> {
                return DatasetLoader.system().load(name);
            }
        }
    }

    /** The first of $FRUGAL_DATA/NAME, ./data/NAME, ~/.cache/frugal/datasets/NAME that has train/ and val/. */
    static Path imageFolderRoot(DatasetLocator.Environment env, String name) {
        List<Path> candidates = new java.util.ArrayList<>();
        String fromEnv = env.env().apply(DatasetLocator.ENV_VAR);
        if (fromEnv != null) for (String p : fromEnv.split(java.io.File.pathSeparator)) if (!p.isBlank()) candidates.add(Path.of(p).resolve(name));
        candidates.add(env.workingDir().resolve("data").resolve(name));
        candidates.add(env.userCache().resolve(name));
        for (Path c : candidates) if (Files.isDirectory(c.resolve("train")) && Files.isDirectory(c.resolve("val"))) return c;
        throw new DatasetException("dataset '" + name + "' not found: none of " + candidates
                + " holds train/ and val/ class folders; point " + DatasetLocator.ENV_VAR + " at a folder holding " + name + "/");
    }
}
