package io.frugal.methods.data;

import java.nio.file.Path;

/** The one label range check every format uses, so the message reads the same everywhere. */
final class Labels {
    private Labels() {}

    static int check(Path file, int record, int label, int classes) {
        if (label < 0 || label >= classes) {
            throw new DatasetException(file, "label " + label + " out of range 0.." + (classes - 1) + " at record " + record);
        }
        return label;
    }
}
