package io.frugal.methods.data;

import static io.frugal.methods.data.DataFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.frugal.methods.data.DatasetSource.Download;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads only from a server on 127.0.0.1 serving generated files; never the internet. */
class DatasetFetcherTest {
    @TempDir
    Path tmp;

    private final Map<String, byte[]> served = new HashMap<>();
    private HttpServer server;
    private String base;
    private final StringWriter log = new StringWriter();
    private final DatasetFetcher fetcher = new DatasetFetcher(new PrintWriter(log));

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = served.get(exchange.getRequestURI().getPath().substring(1));
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            if (body != null) exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    /** MNIST's source with "published" MD5s of generated files, served under the real names. */
    private DatasetSource servedMnist() {
        Path gen = mnistFolder(tmp.resolve("generated"), 6, 3, true);
        DatasetSource real = DatasetCatalog.standard().source("mnist");
        Map<String, String> md5 = new LinkedHashMap<>();
        for (String f : real.download().files()) {
            served.put(f, readAll(gen.resolve(f)));
            md5.put(f, FileDigests.md5(gen.resolve(f)));
        }
        return withDownload(real, new Download("unused", real.download().files(), md5, null));
    }

    private static DatasetSource withDownload(DatasetSource s, Download d) {
        return new DatasetSource(s.name(), s.format(), s.trainFiles(), s.testFiles(), s.subfolders(), s.checksums(),
                s.checksumNote(), d, s.howToGet());
    }

    @Test
    void downloadsChecksAndLoads() {
        DatasetSource source = servedMnist();
        Path target = tmp.resolve("cache/mnist");
        LoadedDataset ds = fetcher.fetch(info("mnist", 6, 3), source, base, target);
        assertThat(ds.train().count()).isEqualTo(6);
        assertThat(source.isCompleteIn(target)).isTrue();
        assertThat(target.toFile().list()).allMatch(n -> !n.startsWith(".")); // no temp files left
        // a second fetch keeps what is already there
        fetcher.fetch(info("mnist", 6, 3), source, base, target);
        assertThat(log.toString()).contains("have " + target.resolve("t10k-labels-idx1-ubyte.gz"));
    }

    @Test
    void checksumMismatchKeepsNothing() {
        DatasetSource source = servedMnist();
        served.put("t10k-images-idx3-ubyte.gz", gzip(idxImages(3, 28 - 1)));
        Path target = tmp.resolve("cache/mnist");
        assertThatThrownBy(() -> fetcher.fetch(info("mnist", 6, 3), source, base, target))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("t10k-images-idx3-ubyte.gz").hasMessageContaining("published md5");
        assertThat(target.resolve("t10k-images-idx3-ubyte.gz")).doesNotExist();
        assertThat(target.toFile().list()).allMatch(n -> !n.startsWith("."));
    }

    @Test
    void httpErrorIsADownloadFailure() {
        DatasetSource source = servedMnist();
        served.remove("train-labels-idx1-ubyte.gz");
        assertThatThrownBy(() -> fetcher.fetch(info("mnist", 6, 3), source, base, tmp.resolve("t")))
                .isInstanceOf(DatasetFetcher.DownloadException.class).hasMessageContaining("HTTP 404");
    }

    @Test
    void unreachableServerSaysOffline() {
        DatasetSource source = servedMnist();
        server.stop(0);
        assertThatThrownBy(() -> fetcher.fetch(info("mnist", 6, 3), source, base, tmp.resolve("t")))
                .isInstanceOf(DatasetFetcher.DownloadException.class).hasMessageContaining("cannot reach 127.0.0.1")
                .hasMessageContaining("offline");
    }

    @Test
    void cifarArchiveIsExtractedAndDropped() throws IOException {
        Path gen = cifarFolder(tmp.resolve("generated"), 2);
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        tarEntry(tar, "cifar-10-batches-bin/batches.meta.txt", "airplane\n".getBytes(StandardCharsets.US_ASCII));
        DatasetSource real = DatasetCatalog.standard().source("cifar10");
        for (String f : real.allFiles()) tarEntry(tar, "cifar-10-batches-bin/" + f, readAll(gen.resolve(f)));
        tar.write(new byte[1024]);
        byte[] archive = gzip(tar.toByteArray());
        served.put("cifar-10-binary.tar.gz", archive);
        Path archiveFile = write(tmp.resolve("a.tgz"), archive);
        DatasetSource source = withDownload(real, new Download("unused", real.download().files(),
                Map.of("cifar-10-binary.tar.gz", FileDigests.md5(archiveFile)), "cifar-10-batches-bin"));

        Path target = tmp.resolve("cache/cifar10");
        LoadedDataset ds = fetcher.fetch(info("cifar10", 10, 2), source, base, target);
        assertThat(ds.train().count()).isEqualTo(10);
        assertThat(target.toFile().list()).containsExactlyInAnyOrderElementsOf(real.allFiles());
        assertThat(readAll(target.resolve("data_batch_3.bin"))).isEqualTo(readAll(gen.resolve("data_batch_3.bin")));
    }

    private static void tarEntry(ByteArrayOutputStream tar, String name, byte[] data) throws IOException {
        byte[] h = new byte[512];
        System.arraycopy(name.getBytes(StandardCharsets.US_ASCII), 0, h, 0, name.length());
        byte[] size = String.format("%011o", data.length).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(size, 0, h, 124, size.length);
        h[156] = '0';
        System.arraycopy("ustar".getBytes(StandardCharsets.US_ASCII), 0, h, 257, 5);
        tar.write(h);
        tar.write(data);
        tar.write(new byte[(512 - data.length % 512) % 512]);
    }

    private static byte[] readAll(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
