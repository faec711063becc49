package io.frugal.harness.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Removes an output folder that this very command created and then refused to use (a problem
 * found only after planning): bad input leaves nothing behind. Never called for a folder that
 * existed before the command, so nobody's runs are touched.
 */
final class LeftBehind {
    private LeftBehind() {}

    static void remove(Path createdByThisCommand) {
        if (!Files.exists(createdByThisCommand)) return;
        try (Stream<Path> all = Files.walk(createdByThisCommand)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException | RuntimeException e) {
            System.err.println("frugal: could not remove " + createdByThisCommand + " after the refusal: " + e.getMessage());
        }
    }
}
