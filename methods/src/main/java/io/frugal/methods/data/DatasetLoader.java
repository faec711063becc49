package io.frugal.methods.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads a dataset by name: finds its folder ({@link DatasetLocator}), decodes both splits once into
 * {@link ImageSet}s and records the SHA-256 of every file read, for provenance. Counts come from the
 * files; {@code train_limit}/{@code test_limit} are the caller's ({@link ImageSet#head}).
 */
public final class DatasetLoader {
    private final DatasetLocator locator;

    public DatasetLoader(DatasetLocator locator) {
        this.locator = locator;
    }

    public static DatasetLoader system() {
        return new DatasetLoader(DatasetLocator.system());
    }

    /** Unknown name: BadInputException from {@link Datasets#info}; not found or bad files: {@link DatasetException}. */
    public LoadedDataset load(String name) {
        DatasetInfo info = Datasets.info(name);
        DatasetSource source = locator.catalog().source(name);
        DatasetLocator.Search search = locator.search(name);
        Path dir = locator.locate(name);
        Map<String, Path> files = requireAll(source, dir);
        List<String> mismatches = PublishedChecks.mismatches(source, files);
        if (!mismatches.isEmpty() && !DataUse.ownData()) {
            throw new DatasetException(String.join("\n", mismatches) + "\n" + "dataset '" + name + "' in " + dir
                    + " is not the published one, so runs trained on it are not reproductions; get the published files ("
                    + source.howToGet() + "), or, if this is your own copy on purpose, declare it in the manifest with"
                    + " own_data: true (recorded in each run's provenance)");
        }
        List<String> passedOver = new ArrayList<>();
        String origin = "";
        for (DatasetLocator.Candidate c : search.searched()) {
            if (c.dir().equals(dir)) {
                origin = c.origin();
                break;
            }
            passedOver.add(c.dir() + " (" + c.origin() + "): " + DatasetLocator.whyNot(source, c.dir()));
        }
        DataUse.record(new DataUse.Load(name, dir, origin, passedOver, mismatches));
        return load(info, source, dir);
    }

    /** Loads the dataset described by {@code source} from {@code dir}. */
    public static LoadedDataset load(DatasetInfo info, DatasetSource source, Path dir) {
        Map<String, Path> files = requireAll(source, dir);
        ImageSet train = readSplit(info, source, source.trainFiles(), files);
        ImageSet test = readSplit(info, source, source.testFiles(), files);
        Map<String, String> sha = new LinkedHashMap<>();
        for (Path p : files.values()) sha.put(dir.relativize(p).toString(), FileDigests.sha256(p));
        return new LoadedDataset(info, train, test, dir, sha);
    }

    /** Each of the dataset's files under {@code dir}, by uncompressed name; a missing one is an error naming it. */
    static Map<String, Path> requireAll(DatasetSource source, Path dir) {
        Map<String, Path> files = source.present(dir);
        for (String f : source.allFiles()) {
            if (!files.containsKey(f)) throw new DatasetException(dir.resolve(f), "missing (nor " + f + ".gz) in dataset "
                    + source.name() + "; " + source.howToGet());
        }
        return files;
    }

    static ImageSet readSplit(DatasetInfo info, DatasetSource source, List<String> names, Map<String, Path> files) {
        List<Path> paths = new ArrayList<>();
        for (String n : names) paths.add(files.get(n));
        ImageSet set = source.format().read(paths, info.classes());
        // smallNORB is stored at 48x48 and cropped to the input size later; the others are stored at input size.
        boolean cropped = source.format() == DatasetFormat.NORB_BINARY;
        if (!cropped && (set.channels() != info.inputChannels() || set.height() != info.inputHeight()
                || set.width() != info.inputWidth())) {
            throw new DatasetException(paths.get(0), "images are " + set.channels() + "x" + set.height() + "x" + set.width()
                    + ", but " + info.title() + " images are " + info.inputChannels() + "x" + info.inputHeight() + "x"
                    + info.inputWidth());
        }
        return set;
    }
}
