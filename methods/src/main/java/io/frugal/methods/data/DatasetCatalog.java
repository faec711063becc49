package io.frugal.methods.data;

import io.frugal.core.BadInputException;
import io.frugal.methods.data.DatasetSource.Download;
import io.frugal.methods.data.DatasetSource.PublishedChecksum;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place that lists each dataset's files, where to get them and their published checksums.
 * Data only; {@link DatasetLocator}, {@link DatasetLoader}, {@link DatasetVerifier} and
 * {@link DatasetFetcher} read it. Tests build their own catalog with the same record types.
 *
 * <p>Checksum provenance: Fashion-MNIST's .gz MD5s are the ones Zalando publishes in its README; the
 * MD5s of the decompressed files are those the authors' .gz files decompress to (checked for the
 * label files against the authors' repository; Debian's re-gzipped copies decompress to all four).
 * The MNIST page publishes no checksums: its MD5s are the ones torchvision records for the official
 * files (.gz and decompressed). CIFAR-10 publishes the MD5 of its tar.gz only, which says nothing
 * about extracted files. smallNORB publishes none. CIFAR-100 likewise publishes only its archive's MD5
 * (03b5dce01913d631647c71ecec9e9cb8 for cifar-100-binary.tar.gz, on the CIFAR page).
 */
public final class DatasetCatalog {
    // Declared before STANDARD: static initialisers run in order, and building STANDARD reads them.
    private static final List<String> IDX_TRAIN = List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte");
    private static final List<String> IDX_TEST = List.of("t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");

    private static final DatasetCatalog STANDARD = new DatasetCatalog(List.of(mnist(), fashionMnist(), cifar10(), smallNorb()));

    private final Map<String, DatasetSource> sources = new LinkedHashMap<>();

    public DatasetCatalog(List<DatasetSource> sources) {
        for (DatasetSource s : sources) this.sources.put(s.name(), s);
    }

    public static DatasetCatalog standard() {
        return STANDARD;
    }

    public List<DatasetSource> sources() {
        return List.copyOf(sources.values());
    }

    /** The source of a dataset; unknown names are bad input, named with the known ones. */
    public DatasetSource source(String name) {
        DatasetSource s = sources.get(name);
        if (s == null) {
            throw new BadInputException("unknown dataset '" + name + "' (known: " + String.join(", ", sources.keySet()) + ")");
        }
        return s;
    }

    private static DatasetSource mnist() {
        String by = "as recorded by torchvision; the MNIST page publishes none";
        Map<String, PublishedChecksum> sums = idxChecksums(by,
                "f68b3c2dcbeaaa9fbdd348bbdeb94873", "6bbc9ace898e44ae57da46a324031adb",
                "d53e105ee54ea40749a09fcbcd1e9432", "a25bea736e30d166cdddb491f175f624",
                "9fb629c4189551a2d022fa330f9573f3", "2646ac647ad5339dbf082846283269ea",
                "ec29112dd5afa0611ce80d1b7f02629c", "27ae3e4e09519cfbb04c329615203637");
        String base = "https://ossci-datasets.s3.amazonaws.com/mnist/";
        return new DatasetSource("mnist", DatasetFormat.IDX, IDX_TRAIN, IDX_TEST, List.of(), sums, "",
                gzDownload(base, sums),
                "run `frugal data fetch mnist` (downloads the four .gz files from " + base
                        + ", the mirror torchvision uses, since http://yann.lecun.com/exdb/mnist/ is often unavailable), "
                        + "or put train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz and "
                        + "t10k-labels-idx1-ubyte.gz into ~/.cache/frugal/datasets/mnist/");
    }

    private static DatasetSource fashionMnist() {
        String by = "Zalando, fashion-mnist README";
        Map<String, PublishedChecksum> sums = idxChecksums(by,
                "8d4fb7e6c68d591d4c3dfef9ec88bf0d", "f4a8712d7a061bf5bd6d2ca38dc4d50a",
                "25c81989df183df01b3e8a0aad5dffbe", "9018921c3c673c538a1fc5bad174d6f9",
                "bef4ecab320f06d8554ea6380940ec79", "8181f5470baa50b63fa0f6fddb340f0a",
                "bb300cfdad3c16e7a12a480ee83cd310", "15d484375f8d13e6eb1aabb0c3f46965");
        return new DatasetSource("fashion-mnist", DatasetFormat.IDX, IDX_TRAIN, IDX_TEST, List.of(), sums, "",
                gzDownload("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/", sums),
                "run `apt-get install dataset-fashion-mnist` (Debian/Ubuntu; installs it at "
                        + "/usr/share/datasets/fashion-mnist/), or `frugal data fetch fashion-mnist`");
    }

    private static DatasetSource cifar10() {
        List<String> train = List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin",
                "data_batch_5.bin");
        String archive = "cifar-10-binary.tar.gz";
        String url = "https://www.cs.toronto.edu/~kriz/";
        return new DatasetSource("cifar10", DatasetFormat.CIFAR_BINARY, train, List.of("test_batch.bin"),
                List.of("cifar-10-batches-bin"), Map.of(),
                "no published checksum for extracted files (the published MD5 is the tar.gz's)",
                new Download(url, List.of(archive), Map.of(archive, "c32a1d4ab5d03f1284b67883e8d87530"), "cifar-10-batches-bin"),
                "run `frugal data fetch cifar10`, or download " + url + archive
                        + " (the binary version) and extract it into ~/.cache/frugal/datasets/cifar10/ "
                        + "(the cifar-10-batches-bin/ folder it creates is accepted)");
    }

    /**
     * CIFAR-100, binary version. Not yet in {@link #standard()}: a standard source must also be in
     * {@link Datasets} (sizes, input shape) and have an augmenter, which come with the ReLA trainer.
     */
    public static DatasetSource cifar100() {
        String archive = "cifar-100-binary.tar.gz";
        String url = "https://www.cs.toronto.edu/~kriz/";
        return new DatasetSource("cifar100", DatasetFormat.CIFAR100_BINARY, List.of("train.bin"), List.of("test.bin"),
                List.of("cifar-100-binary"), Map.of(),
                "no published checksum for extracted files (the published MD5 is the tar.gz's)",
                new Download(url, List.of(archive), Map.of(archive, "03b5dce01913d631647c71ecec9e9cb8"), "cifar-100-binary"),
                "run `frugal data fetch cifar100`, or download " + url + archive
                        + " (the binary version) and extract it into ~/.cache/frugal/datasets/cifar100/ "
                        + "(the cifar-100-binary/ folder it creates is accepted)");
    }

    private static DatasetSource smallNorb() {
        String train = "smallnorb-5x46789x9x18x6x2x96x96-training-";
        String test = "smallnorb-5x01235x9x18x6x2x96x96-testing-";
        List<String> trainFiles = List.of(train + "dat.mat", train + "cat.mat", train + "info.mat");
        List<String> testFiles = List.of(test + "dat.mat", test + "cat.mat", test + "info.mat");
        String base = "https://cs.nyu.edu/~ylclab/data/norb-v1.0-small/";
        List<String> remote = new java.util.ArrayList<>();
        for (String f : trainFiles) remote.add(f + ".gz");
        for (String f : testFiles) remote.add(f + ".gz");
        return new DatasetSource("smallnorb", DatasetFormat.NORB_BINARY, trainFiles, testFiles, List.of(), Map.of(),
                "no published checksum (the smallNORB page publishes none)",
                new Download(base, remote, Map.of(), null),
                "run `frugal data fetch smallnorb`, or download the six smallnorb-*.mat.gz files from " + base
                        + " into ~/.cache/frugal/datasets/smallnorb/");
    }

    /** Checksums of the four IDX files in the order train images, train labels, test images, test labels. */
    private static Map<String, PublishedChecksum> idxChecksums(String publishedBy, String... gzThenContent) {
        List<String> names = List.of(IDX_TRAIN.get(0), IDX_TRAIN.get(1), IDX_TEST.get(0), IDX_TEST.get(1));
        Map<String, PublishedChecksum> sums = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            sums.put(names.get(i), new PublishedChecksum(gzThenContent[2 * i], gzThenContent[2 * i + 1], publishedBy));
        }
        return sums;
    }

    private static Download gzDownload(String base, Map<String, PublishedChecksum> sums) {
        Map<String, String> md5 = new LinkedHashMap<>();
        sums.forEach((name, sum) -> md5.put(name + ".gz", sum.gzMd5()));
        return new Download(base, List.copyOf(md5.keySet()), md5, null);
    }
}
