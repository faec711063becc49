package io.frugal.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsFileTest {
    @TempDir
    Path dir;

    @Test
    void aTornLastLineIsThePointBeingWrittenAndIsLeftOut() throws IOException {
        Path file = Files.writeString(dir.resolve("metrics.jsonl"), "{\"epoch\":1,\"top1\":0.5}\n{\"epoch\":2,\"top1\":0.6}\n{\"epoch\":3,\"to");
        assertThat(MetricsFile.hasTornLastLine(file)).isTrue();
        assertThat(MetricsFile.lines(file)).containsExactly("{\"epoch\":1,\"top1\":0.5}", "{\"epoch\":2,\"top1\":0.6}");
    }

    @Test
    void aDamagedLineBeforeTheLastIsNamedWithItsLine() throws IOException {
        Path file = Files.writeString(dir.resolve("metrics.jsonl"), "{\"epoch\":1}\nxx\n{\"epoch\":3}\n");
        assertThat(MetricsFile.hasTornLastLine(file)).isFalse();
        assertThatThrownBy(() -> MetricsFile.lines(file)).hasMessageContaining(file + ":2: not a JSON object");
    }
}
