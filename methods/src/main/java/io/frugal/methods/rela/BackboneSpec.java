package io.frugal.methods.rela;

import io.frugal.core.BadInputException;
import java.util.List;

/**
 * A student or prior architecture by the names manifests use: {@code resnet18} (CIFAR stem),
 * {@code resnet18-imagenet}, {@code resnet50} (ImageNet stem), {@code resnet50-cifar},
 * {@code small-cnn}; with a width multiplier and the number of input channels.
 */
public record BackboneSpec(String name, double width, int inputChannels) {
    public static final List<String> NAMES = List.of("resnet18", "resnet18-imagenet", "resnet50", "resnet50-cifar", "small-cnn");

    public BackboneSpec {
        if (!NAMES.contains(name)) throw new BadInputException("unknown backbone '" + name + "' (known: " + String.join(", ", NAMES) + ")");
        if (!(width > 0) || Double.isInfinite(width)) throw new BadInputException("backbone width must be a positive number, got " + width);
        if (inputChannels != 1 && inputChannels != 3) throw new BadInputException("input channels must be 1 or 3, got " + inputChannels);
    }

    /** An uninitialised backbone whose weights, once initialised, depend only on {@code seed}. */
    public Backbone create(long seed) {
        return switch (name) {
            case "resnet18" -> ResNet.create(ResNet.Depth.RESNET18, ResNet.Stem.CIFAR, width, inputChannels, seed);
            case "resnet18-imagenet" -> ResNet.create(ResNet.Depth.RESNET18, ResNet.Stem.IMAGENET, width, inputChannels, seed);
            case "resnet50" -> ResNet.create(ResNet.Depth.RESNET50, ResNet.Stem.IMAGENET, width, inputChannels, seed);
            case "resnet50-cifar" -> ResNet.create(ResNet.Depth.RESNET50, ResNet.Stem.CIFAR, width, inputChannels, seed);
            case "small-cnn" -> SmallCnn.create(width, inputChannels, seed);
            default -> throw new AssertionError(name);
        };
    }
}
