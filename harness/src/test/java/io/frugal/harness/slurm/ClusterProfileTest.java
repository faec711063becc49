package io.frugal.harness.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import io.frugal.harness.manifest.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cluster profiles: the shipped ones load; a bad one is refused with every problem and its place, exit 2, nothing written. */
class ClusterProfileTest {
    @TempDir
    Path tmp;

    static Path repoFile(String relative) {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve(relative))) return p.resolve(relative);
        }
        throw new IllegalStateException(relative + " not found");
    }

    @Test
    void shippedProfilesLoad() {
        ClusterProfile local = ClusterProfile.load(repoFile("jobs/clusters/local.yaml"));
        assertThat(local.partition()).isEqualTo("local");
        assertThat(local.signalSeconds()).isEqualTo(50);
        ClusterProfile gpu = ClusterProfile.load(repoFile("jobs/clusters/example-gpu.yaml"));
        assertThat(gpu.gpuType()).isEqualTo("a100");
        assertThat(gpu.timeLimit()).isEqualTo(2 * 86400);
        assertThat(gpu.extraSbatch()).containsExactly("--constraint=a100", "--mail-type=FAIL");
        assertThat(gpu.scratch()).isEqualTo("${TMPDIR}/frugal");
    }

    @Test
    void gpuDirectivesFollowTheProfile() throws Exception {
        ClusterProfile gres = ClusterProfile.load(repoFile("jobs/clusters/example-gpu.yaml"));
        ResourceRequest oneGpu = new ResourceRequest(1, 8, null, 3600);
        assertThat(oneGpu.directives(gres)).containsExactly("--cpus-per-task=8", "--mem-per-gpu=64G", "--time=0-01:00:00", "--gres=gpu:a100:1");
        Path p = tmp.resolve("pernode.yaml");
        Files.writeString(p, "name: x\ngpu_directive: gpus-per-node\n");
        assertThat(new ResourceRequest(2, 4, "8G", 90).directives(ClusterProfile.load(p)))
                .containsExactly("--cpus-per-task=4", "--mem=8G", "--time=0-00:02:00", "--gpus-per-node=2");
    }

    @Test
    void aBadProfileIsRefusedWithEveryProblemAndItsPlaceAndNothingIsWritten() throws Exception {
        Path profile = tmp.resolve("bad.yaml");
        Files.writeString(profile, """
                name: bad name
                partition: "gpu; rm -rf /"
                gpu_directive: gpus
                throttle: 0
                colour: blue
                extra_sbatch: ["--begin=now $(reboot)"]
                time_limit: "01:00:00"
                default_time: "02:00:00"
                """);
        Path out = tmp.resolve("out");
        Cli r = Cli.run("run", Cli.repoManifest("quickstart.yaml").toString(), "--executor", "slurm", "--cluster", profile.toString(),
                "--out", out.toString());
        assertThat(r.code).isEqualTo(2);
        List<String> lines = r.err.lines().toList();
        assertThat(lines.get(0)).contains("cluster profile " + profile + ": 7 problems; nothing was planned or written");
        assertThat(r.err).contains(profile + ":1:1: /name: must be a name")
                .contains(profile + ":2:1: /partition: must be a partition name, got \"gpu; rm -rf /\"")
                .contains(profile + ":3:1: /gpu_directive")
                .contains(profile + ":4:1: /throttle: must be a whole number from 1")
                .contains(profile + ":5:1: /colour: unknown setting 'colour'")
                .contains(profile + ":6:16: /extra_sbatch/0: must be an sbatch option")
                .contains("/default_time: is longer than time_limit");
        assertThat(Files.exists(out)).isFalse();
    }

    @Test
    void slurmOptionsNeedTheSlurmExecutorAndAProfile() {
        Path out = tmp.resolve("out");
        Cli noProfile = Cli.run("run", Cli.repoManifest("quickstart.yaml").toString(), "--executor", "slurm", "--out", out.toString());
        assertThat(noProfile.code).isEqualTo(2);
        assertThat(noProfile.err).contains("--executor slurm needs --cluster PROFILE");
        Cli local = Cli.run("run", Cli.repoManifest("quickstart.yaml").toString(), "--validate", "--out", out.toString());
        assertThat(local.code).isEqualTo(2);
        assertThat(local.err).contains("need --executor slurm");
        Cli missing = Cli.run("run", Cli.repoManifest("quickstart.yaml").toString(), "--executor", "slurm", "--cluster",
                tmp.resolve("nope.yaml").toString(), "--out", out.toString());
        assertThat(missing.code).isEqualTo(2);
        assertThat(missing.err).contains("nope.yaml: cannot read it");
        assertThat(Files.exists(out)).isFalse();
    }

    @Test
    void aRunAskingMoreTimeThanTheClusterAllowsIsRefusedBeforeSubmission() throws Exception {
        Path profile = tmp.resolve("short.yaml");
        Files.writeString(profile, "name: short\ntime_limit: \"00:10:00\"\n");
        Cli r = Cli.run("run", Cli.repoManifest("quickstart.yaml").toString(), "--executor", "slurm", "--cluster", profile.toString(),
                "--out", tmp.resolve("out").toString(), "--dry-run");
        assertThat(r.code).isEqualTo(2);
        assertThat(r.err).contains("asks for 0-00:30:00 but cluster profile 'short' allows at most 0-00:10:00 (time_limit)");
    }
}
