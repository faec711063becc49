package io.frugal.reproducibility;

import static org.assertj.core.api.Assertions.assertThat;

import io.frugal.core.store.RunDirectory;
import io.frugal.reproducibility.energy.EnergyFile;
import io.frugal.reproducibility.energy.EnergyMeter;
import io.frugal.reproducibility.energy.EnergyReading;
import io.frugal.reproducibility.energy.GridIntensity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnergyMeterTest {
    @TempDir
    Path tmp;

    @Test
    void raplPackageCountersAreReadAcrossAWrapAndSubZonesAreNotCounted() throws Exception {
        Path cap = tmp.resolve("powercap");
        Path pkg = Files.createDirectories(cap.resolve("intel-rapl:0"));
        Path sub = Files.createDirectories(cap.resolve("intel-rapl:0:0"));
        Files.writeString(pkg.resolve("energy_uj"), "999000000\n");
        Files.writeString(pkg.resolve("max_energy_range_uj"), "1000000000\n");
        Files.writeString(sub.resolve("energy_uj"), "5\n");
        EnergyMeter m = new EnergyMeter(cap, 10, null);
        m.start();
        Files.writeString(pkg.resolve("energy_uj"), "2000000\n"); // wrapped: 1 J to the top, then 2 J
        EnergyReading r = m.stop();
        assertThat(r.source()).isEqualTo("rapl");
        assertThat(r.raplJoules()).isEqualTo(3.0);
        assertThat(r.kwh()).isEqualTo(3.0 / 3.6e6);
    }

    @Test
    void withoutCountersCpuSecondsTimesTheStatedPowerAndAttemptsAddUp() throws Exception {
        EnergyMeter m = new EnergyMeter(tmp.resolve("none"), 10, null);
        m.start();
        long x = 0;
        for (long i = 0; i < 200_000_000L; i++) x += i ^ (x >>> 3); // some CPU time
        EnergyReading r = m.stop();
        assertThat(x).isNotZero();
        assertThat(r.source()).isEqualTo("cpu-seconds");
        assertThat(r.cpuSeconds()).isPositive();
        assertThat(r.kwh()).isEqualTo(r.cpuSeconds() * 10 / 3.6e6);
        assertThat(r.assumptions()).contains("10.0 W per core");
        RunDirectory run = new RunDirectory(Files.createDirectories(tmp.resolve("run")));
        GridIntensity grid = GridIntensity.fromEnvironment(Map.of(GridIntensity.ENV, "250")::get);
        EnergyFile.append(run, r, grid);
        var total = EnergyFile.append(run, r, grid);
        assertThat(total.path("energy_kwh").asDouble()).isEqualTo(2 * r.kwh());
        assertThat(total.path("co2_kg").asDouble()).isEqualTo(2 * r.kwh() * 250 / 1000);
        assertThat(total.path("grid_source").asText()).isEqualTo("FRUGAL_GRID_G_PER_KWH=250");
        assertThat(total.path("attempts").size()).isEqualTo(2);
        assertThat(GridIntensity.fromEnvironment(k -> null).source()).contains("stated default 400");
    }
}
