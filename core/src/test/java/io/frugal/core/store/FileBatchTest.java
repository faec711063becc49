package io.frugal.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two in-place write paths planning and status rely on: a large batch (the size at which
 * syncfs passes run beside the writers) leaves every file whole with its own bytes, also over files
 * an interrupted batch left cut short; a batch of new files never touches one that exists already.
 */
class FileBatchTest {
    @TempDir
    Path root;

    @Test
    void aLargeBatchInPlaceWritesEveryFileWholeOverTornOnesAndHandsBackTheFileBeside() throws Exception {
        int count = FileBatch.EARLY_WRITE_BACK_FROM + 500;
        Path torn = root.resolve("run" + 7).resolve("config.json");
        Files.createDirectories(torn.getParent());
        Files.writeString(torn, "{\"a longer text than the new one, cut sh");
        Path beside = root.resolve("plan.json.tmp");
        Path handed = FileBatch.writeInPlace(root, count, source(count, "v1"), () -> Files.writeString(beside, "plan"));
        assertThat(handed).isEqualTo(beside);
        assertThat(Files.readString(beside)).isEqualTo("plan");
        for (int i = 0; i < count; i++) {
            assertThat(Files.readString(root.resolve("run" + i).resolve("config.json"))).as("file %d", i).isEqualTo(text(i, "v1"));
        }
    }

    @Test
    void newFilesAreCreatedAndOnesThatExistAreLeftAsTheyAreAndNamed() throws Exception {
        Files.createDirectories(root.resolve("run3"));
        Files.writeString(root.resolve("run3").resolve("config.json"), "written by another process");
        List<Integer> existed = FileBatch.createNew(root, 6, source(6, "v2"));
        assertThat(existed).containsExactly(3);
        assertThat(Files.readString(root.resolve("run3").resolve("config.json"))).isEqualTo("written by another process");
        for (int i : new int[] {0, 1, 2, 4, 5}) {
            assertThat(Files.readString(root.resolve("run" + i).resolve("config.json"))).isEqualTo(text(i, "v2"));
        }
    }

    private FileBatch.Source source(int count, String version) {
        return new FileBatch.Source() {
            @Override
            public Path target(int i) {
                return root.resolve("run" + i).resolve("config.json");
            }

            @Override
            public byte[] content(int i) {
                return text(i, version).getBytes(StandardCharsets.UTF_8);
            }
        };
    }

    private static String text(int i, String version) {
        return "{\"run\": " + i + ", \"version\": \"" + version + "\"}";
    }
}
