package io.frugal.analysis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Real run stores kept as test data (src/test/resources/stores/NAME: plan.json and per run the
 * result, metrics, provenance and energy records as frugal wrote them; the manifest that made each
 * is beside it as NAME-tiny.yaml). Tests read copies, so a report written into one cannot change them.
 */
public final class RecordedStores {
    private RecordedStores() {}

    /** A copy of store NAME under {@code dir}; returns its root. */
    public static Path copy(String name, Path dir) {
        Path from = Path.of("src/test/resources/stores/" + name);
        Path to = dir.resolve(name);
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return to;
    }
}
