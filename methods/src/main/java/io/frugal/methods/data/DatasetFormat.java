package io.frugal.methods.data;

import java.nio.file.Path;
import java.util.List;

/** The on-disk formats frugal reads; each turns one split's files (in catalog order) into images. */
public enum DatasetFormat {
    /** MNIST-style IDX: an images file then a labels file. */
    IDX {
        @Override
        public ImageSet read(List<Path> splitFiles, int classes) {
            return IdxFormat.readPair(splitFiles.get(0), splitFiles.get(1), classes);
        }
    },
    /** CIFAR-10 binary: batch files concatenated in order. */
    CIFAR_BINARY {
        @Override
        public ImageSet read(List<Path> splitFiles, int classes) {
            return CifarFormat.read(splitFiles);
        }
    },
    /** CIFAR-100 binary: train.bin or test.bin, fine labels (0..99). */
    CIFAR100_BINARY {
        @Override
        public ImageSet read(List<Path> splitFiles, int classes) {
            return Cifar100Format.read(splitFiles, Cifar100Format.LabelKind.FINE);
        }
    },
    /** smallNORB binary matrices: -dat, -cat, -info. */
    NORB_BINARY {
        @Override
        public ImageSet read(List<Path> splitFiles, int classes) {
            return NorbFormat.read(splitFiles.get(0), splitFiles.get(1), splitFiles.get(2));
        }
    };

    public abstract ImageSet read(List<Path> splitFiles, int classes);
}
