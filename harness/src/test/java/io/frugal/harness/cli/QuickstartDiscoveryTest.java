package io.frugal.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.frugal.harness.manifest.Cli;
import io.frugal.reproducibility.claims.ClaimReader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quickstart is data-driven: every manifests/quickstart*.yaml, matched to a paper's claims by its source. */
class QuickstartDiscoveryTest {
    @TempDir
    Path tmp;

    @Test
    void quickstartManifestsAreFoundInNameOrderAndNamedByTheirPaper() throws Exception {
        Cli.write(tmp, "quickstart.yaml", "name: quickstart\nsource: arXiv:2208.02007\ndatasets: [fashion-mnist]\n");
        Cli.write(tmp, "quickstart-flow.yaml", "name: qs-flow\nsource: arXiv:2412.07972\n");
        Cli.write(tmp, "quickstart-own.yaml", "name: mine\nsource: my lab notes\n");
        Cli.write(tmp, "data-reduction.yaml", "name: data-reduction\nsource: arXiv:2208.02007\n");
        var found = QuickstartCommand.discover(tmp, ClaimReader.builtIn());
        assertThat(found).extracting(QuickstartCommand.Quickstart::stem).containsExactly("quickstart", "quickstart-flow", "quickstart-own");
        assertThat(found).extracting(QuickstartCommand.Quickstart::paper).containsExactly("data-reduction", "flow", null);
        assertThat(found.get(0).datasets()).containsExactly("fashion-mnist");
    }

    @Test
    void anUnknownNameIsBadInputListingTheQuickstarts() {
        Cli r = Cli.run("quickstart", "no-such-paper");
        assertThat(r.code).isEqualTo(2);
        assertThat(r.err).contains("no quickstart named 'no-such-paper'").contains("data-reduction");
    }
}
