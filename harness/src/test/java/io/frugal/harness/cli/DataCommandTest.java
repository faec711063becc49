package io.frugal.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import io.frugal.methods.data.DatasetLocator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code frugal data ...} through {@link Main#execute}; datasets are pointed at with -Dfrugal.data. */
class DataCommandTest {
    private static final String[] MNIST_FILES = {"train-images-idx3-ubyte", "train-labels-idx1-ubyte",
            "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"};

    @TempDir
    Path tmp;

    private String savedProperty;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void pointAtTemp() {
        savedProperty = System.getProperty(DatasetLocator.PROPERTY);
        System.setProperty(DatasetLocator.PROPERTY, tmp.toString());
    }

    @AfterEach
    void restore() {
        if (savedProperty == null) System.clearProperty(DatasetLocator.PROPERTY);
        else System.setProperty(DatasetLocator.PROPERTY, savedProperty);
    }

    private int run(String... args) {
        return Main.execute(new PrintWriter(out), new PrintWriter(err), args);
    }

    /** An MNIST folder whose training images file declares 60000 images but holds 3 bytes of them. */
    private Path mnistWithTruncatedImages() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("mnist"));
        Files.write(dir.resolve(MNIST_FILES[0]), ByteBuffer.allocate(19).putInt(2051).putInt(60000).putInt(28).putInt(28).array());
        Files.write(dir.resolve(MNIST_FILES[1]), ByteBuffer.allocate(8).putInt(2049).putInt(0).array());
        Files.write(dir.resolve(MNIST_FILES[2]), ByteBuffer.allocate(16).putInt(2051).putInt(0).putInt(28).putInt(28).array());
        Files.write(dir.resolve(MNIST_FILES[3]), ByteBuffer.allocate(8).putInt(2049).putInt(0).array());
        return dir;
    }

    @Test
    void listShowsFoundDatasetsWithTheirPlaceAndMissingOnesWithHowToGetThem() throws IOException {
        Path mnist = mnistWithTruncatedImages(); // list looks for files, it does not decode them
        assertThat(run("data", "list")).isEqualTo(0);
        String text = out.toString();
        assertThat(text).contains("dataset", "status", "train", "test");
        assertThat(text).containsPattern("mnist +found +60000 +10000 +" + java.util.regex.Pattern.quote(mnist.toString()));
        DatasetLocator system = DatasetLocator.system();
        for (String name : new String[] {"fashion-mnist", "cifar10", "smallnorb"}) {
            if (system.search(name).found().isEmpty()) {
                assertThat(text).containsPattern(name + " +missing +\\d+ +\\d+ +.*" + (name.equals("fashion-mnist")
                        ? "apt-get install dataset-fashion-mnist" : "frugal data fetch " + name));
            } else {
                assertThat(text).containsPattern(name + " +found ");
            }
        }
    }

    @Test
    void verifyOfABrokenDatasetExits2NamingFileAndProblem() throws IOException {
        Path dir = mnistWithTruncatedImages();
        assertThat(run("data", "verify", "mnist")).isEqualTo(Main.BAD_INPUT);
        assertThat(out.toString()).contains("BAD  train-images-idx3-ubyte").contains("truncated at byte 19 of 47040016");
        assertThat(err.toString()).startsWith("frugal: error: mnist in " + dir + " failed verification")
                .contains(dir.resolve(MNIST_FILES[0]) + ": truncated at byte 19 of 47040016 expected");
    }

    @Test
    void verifyOfAMissingDatasetExits2ListingWhereItLooked() {
        assertThat(run("data", "verify", "smallnorb")).isEqualTo(Main.BAD_INPUT);
        assertThat(err.toString()).contains("dataset 'smallnorb' not found").contains(tmp.resolve("smallnorb").toString())
                .contains("frugal data fetch smallnorb");
    }

    @Test
    void verifyOfAnUnknownNameExits2() {
        assertThat(run("data", "verify", "imagenet")).isEqualTo(Main.BAD_INPUT);
        assertThat(err.toString()).contains("unknown dataset 'imagenet'");
    }

    @Test
    void verifyOfTheRealFashionMnistExits0() {
        Path debian = Path.of("/usr/share/datasets/fashion-mnist");
        boolean present = Files.isRegularFile(debian.resolve("train-images-idx3-ubyte.gz"));
        if (!present && "true".equals(System.getenv("CI"))) fail(debian + " missing on CI: apt-get install dataset-fashion-mnist");
        assumeTrue(present, "dataset-fashion-mnist not installed");
        System.setProperty(DatasetLocator.PROPERTY, debian.toString());
        assertThat(run("data", "verify", "fashion-mnist")).as(err.toString()).isEqualTo(Main.OK);
        assertThat(out.toString()).contains("ok   train-images-idx3-ubyte.gz", "matches the published original",
                "images: 60000 train, 10000 test (published: 60000, 10000)", "fashion-mnist: all 4 files good");
    }

    @Test
    void fetchWithAWrongChecksumExits2AndKeepsNothing() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "not the real file".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            Path target = tmp.resolve("fetched");
            int code = run("data", "fetch", "fashion-mnist", "--to", target.toString(),
                    "--url-base", "http://127.0.0.1:" + server.getAddress().getPort());
            assertThat(code).isEqualTo(Main.BAD_INPUT);
            assertThat(err.toString()).contains("train-images-idx3-ubyte.gz").contains("published md5 is 8d4fb7e6c68d591d4c3dfef9ec88bf0d");
            assertThat(Files.exists(target) ? target.toFile().list() : new String[0]).isEmpty();
        } finally {
            server.stop(0);
        }
    }

    @Test
    void fetchWhenOfflineExits1WithAClearMessage() throws IOException {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        } // closed: nothing listens there now
        int code = run("data", "fetch", "mnist", "--to", tmp.resolve("m").toString(), "--url-base", "http://127.0.0.1:" + port + "/");
        assertThat(code).isEqualTo(Main.FAILED);
        assertThat(err.toString()).contains("cannot reach 127.0.0.1").contains("offline");
    }
}
