package io.frugal.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's decision for {@code ./frugal quickstart} when Fashion-MNIST's package is missing,
 * run in bash with stand-ins for dpkg-query (reports the package missing), id, sudo and apt-get (which
 * record their arguments), so the real package is never touched.
 */
class QuickstartDataScriptTest {
    @TempDir
    Path tmp;

    private record Outcome(int exit, String stderr, List<String> calls) {}

    private Outcome run(String uid, boolean sudoWorks) throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path log = tmp.resolve("calls.log");
        tool(bin, "dpkg-query", "echo 'unknown ok not-installed'");
        tool(bin, "id", "echo " + uid);
        tool(bin, "apt-get", "echo \"apt-get $*\" >> " + log);
        tool(bin, "sudo", sudoWorks ? "if [ \"$1\" = -n ] && [ \"$2\" = true ]; then exit 0; fi; echo \"sudo $*\" >> " + log + "; \"$@\"" : "exit 1");
        Path script = Path.of("..").resolve("scripts/quickstart-data.sh").toAbsolutePath().normalize();
        ProcessBuilder pb = new ProcessBuilder("/bin/bash", "-c", "set -euo pipefail; . '" + script + "'; frugal_quickstart_data");
        pb.environment().put("PATH", bin + ":/usr/bin:/bin");
        pb.environment().remove("FRUGAL_DATA");
        pb.redirectErrorStream(false);
        Process p = pb.start();
        String err = new String(p.getErrorStream().readAllBytes());
        int code = p.waitFor();
        return new Outcome(code, err, Files.isRegularFile(log) ? Files.readAllLines(log) : List.of());
    }

    private static void tool(Path bin, String name, String body) throws Exception {
        Path f = bin.resolve(name);
        Files.writeString(f, "#!/bin/bash\n" + body + "\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void asRootItInstallsThePackageWithAptGet() throws Exception {
        Outcome o = run("0", false);
        assertThat(o.exit()).isZero();
        assertThat(o.calls()).containsExactly("apt-get update -qq", "apt-get install -y -qq dataset-fashion-mnist");
        assertThat(o.stderr()).contains("installing dataset-fashion-mnist");
    }

    @Test
    void withPasswordlessSudoItInstallsThroughSudo() throws Exception {
        Outcome o = run("1000", true);
        assertThat(o.exit()).isZero();
        assertThat(o.calls()).containsExactly("sudo apt-get update -qq", "apt-get update -qq",
                "sudo apt-get install -y -qq dataset-fashion-mnist", "apt-get install -y -qq dataset-fashion-mnist");
    }

    @Test
    void otherwiseItSaysExactlyWhatToRunAndStops() throws Exception {
        Outcome o = run("1000", false);
        assertThat(o.exit()).isEqualTo(2);
        assertThat(o.calls()).isEmpty();
        assertThat(o.stderr()).contains("sudo apt-get update && sudo apt-get install -y dataset-fashion-mnist",
                "./frugal data fetch fashion-mnist");
    }
}
