package io.frugal.methods.data;

/**
 * What is known about a dataset without reading it: the sizes that plans are computed from, the
 * classes, and the shape the network sees (after any fixed preprocessing such as smallNORB's
 * downscale-and-crop).
 */
public record DatasetInfo(String name, String title, int trainSize, int testSize, int classes,
                          int inputChannels, int inputHeight, int inputWidth) {}
