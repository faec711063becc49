package io.frugal.methods.rela;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.frugal.core.BadInputException;
import io.frugal.methods.data.ImageSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TorchScript priors exported here with Debian's python3-torch (1.13) and loaded offline by DJL's
 * PyTorch engine (2.5.1): a tiny conv net returning pooled features, as a CLIP image-tower export would.
 */
class TorchScriptPriorTest {
    @TempDir
    static Path tmp;
    static Path gray;
    static Path rgb;

    @BeforeAll
    static void export() throws Exception {
        String script = """
                import sys, torch
                class Net(torch.nn.Module):
                    def __init__(self, c):
                        super().__init__()
                        self.conv = torch.nn.Conv2d(c, 8, 3, padding=1)
                    def forward(self, x):
                        return torch.relu(self.conv(x)).mean(dim=(2, 3))
                torch.manual_seed(0)
                for c, name in ((1, 'gray.pt'), (3, 'rgb.pt')):
                    torch.jit.script(Net(c)).save(sys.argv[1] + '/' + name)
                """;
        Path py = tmp.resolve("export.py");
        Files.writeString(py, script);
        Process p;
        try {
            // Debian's interpreter, whose python3-torch is installed (a pyenv python3 earlier on PATH may lack it)
            String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
            p = new ProcessBuilder(python, py.toString(), tmp.toString()).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            assumeTrue(false, "python3 not available");
            return;
        }
        String outText = new String(p.getInputStream().readAllBytes());
        assumeTrue(p.waitFor() == 0, "python3-torch could not export: " + outText);
        gray = tmp.resolve("gray.pt");
        rgb = tmp.resolve("rgb.pt");
    }

    static ImageSet images(int n, int c) {
        byte[] px = new byte[n * c * 28 * 28];
        for (int i = 0; i < px.length; i++) px[i] = (byte) (i * 31);
        return new ImageSet(px, new int[n], n, c, 28, 28);
    }

    @Test
    void aTorchScriptExportEmbedsImages() {
        try (TorchScriptPrior p = TorchScriptPrior.load(gray, 1, 28)) {
            assertThat(p.featureDim()).isEqualTo(8);
            float[] f = p.embed(images(300, 1));
            assertThat(f).hasSize(300 * 8);
            assertThat(p.sha256()).hasSize(64);
            try (TorchScriptPrior again = TorchScriptPrior.load(gray, 1, 28)) {
                assertThat(again.embed(images(300, 1))).containsExactly(f);
            }
        }
    }

    @Test
    void wrongInputShape() {
        assertThatThrownBy(() -> TorchScriptPrior.load(rgb, 1, 28)).isInstanceOf(BadInputException.class)
                .hasMessageContaining(rgb.toString()).hasMessageContaining("does not take this run's 1x28x28 images");
    }

    @Test
    void wrongFormatAndTruncated() throws Exception {
        Path text = tmp.resolve("text.pt");
        Files.writeString(text, "not a model");
        assertThatThrownBy(() -> TorchScriptPrior.load(text, 1, 28)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("not a TorchScript file");
        Path cut = tmp.resolve("cut.pt");
        byte[] bytes = Files.readAllBytes(gray);
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> TorchScriptPrior.load(cut, 1, 28)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("not a TorchScript file");
    }
}
