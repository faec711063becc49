package io.frugal.methods.data;

import java.nio.file.Path;
import java.util.Map;

/** A dataset read from disk: train and test images, where they came from, and their files' sha256. */
public record LoadedDataset(DatasetInfo info, ImageSet train, ImageSet test, Path directory,
                            Map<String, String> fileSha256) {}
