package io.frugal.reproducibility;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frugal.core.store.Json;
import io.frugal.core.store.RunDirectory;
import io.frugal.reproducibility.energy.EnergyFile;
import io.frugal.reproducibility.energy.EnergyMeter;
import io.frugal.reproducibility.energy.EnergyReading;
import io.frugal.reproducibility.energy.GridIntensity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * What {@code frugal train} records about an attempt of a run, around the trainer: provenance.json
 * before training (earlier attempts kept in {@code previous_attempts}), again with the dataset
 * files once the trainer has read them, and completed at the end (ended_at, outcome, and for a done
 * run the sha256 of result.json and metrics.jsonl as the trainer left them, so an edit made later
 * shows); energy.json with the attempt's energy and CO2 added.
 */
public final class RunRecorder {
    private final RunDirectory run;
    private final JsonNode config;
    private final ObjectNode provenance;
    private final EnergyMeter meter;
    private final DigestCache cache;
    private final int threads;
    private boolean engineRecorded;

    private RunRecorder(RunDirectory run, JsonNode config, ObjectNode provenance, EnergyMeter meter, DigestCache cache, int threads) {
        this.threads = threads;
        this.run = run;
        this.config = config;
        this.provenance = provenance;
        this.meter = meter;
        this.cache = cache;
    }

    /** Writes provenance.json and starts the energy meter: call just before the trainer. */
    public static RunRecorder start(RunDirectory run, JsonNode config, int threads) {
        return start(run, config, threads, EnergyMeter.system(), DigestCache.system());
    }

    public static RunRecorder start(RunDirectory run, JsonNode config, int threads, EnergyMeter meter, DigestCache cache) {
        ObjectNode p = Provenance.capture(run, config, threads);
        if (Files.isRegularFile(run.provenance())) {
            // Keep every attempt: a resumed run may have continued on another node or code version.
            try {
                JsonNode previous = Json.read(run.provenance());
                var attempts = p.putArray("previous_attempts");
                previous.path("previous_attempts").forEach(attempts::add);
                ObjectNode prev = previous.deepCopy();
                prev.remove("previous_attempts");
                attempts.add(prev);
            } catch (RuntimeException e) {
                p.put("previous_attempts_unreadable", e.getMessage());
            }
        }
        RunRecorder r = new RunRecorder(run, config, p, meter, cache, threads);
        r.write();
        meter.start();
        return r;
    }

    /** The trainer's data-files callback: the files it read, name → sha256. */
    public void dataFiles(Map<String, String> files) {
        Provenance.withDataFiles(provenance, config.path("dataset").asText(null), files, cache);
        recordEngine(); // the trainer has loaded its data, and so checked and loaded the engine
        write();
    }

    /** Adds what another part of frugal records about this attempt (e.g. which dataset folders it used), and writes. */
    public void add(java.util.function.Consumer<ObjectNode> addition) {
        addition.accept(provenance);
        write();
    }

    /**
     * Completes provenance.json and adds the attempt to energy.json; {@code outcome} is done, stopped
     * or failed. Never throws: it runs in the trainer's finally block, where an exception of its own
     * would hide the run's; a problem is printed and the run's outcome stands.
     */
    public EnergyReading finish(String outcome) {
        try {
            EnergyReading energy = meter.stop();
            if (!"failed".equals(outcome)) recordEngine();
            provenance.put("ended_at", Instant.now().toString());
            provenance.put("outcome", outcome);
            if ("done".equals(outcome)) outputs();
            write();
            EnergyFile.append(run, energy, GridIntensity.fromEnvironment(System::getenv));
            return energy;
        } catch (RuntimeException | Error e) {
            System.err.println("frugal train: provenance/energy not completed: " + e);
            return null;
        }
    }

    /** The run's outputs as the trainer left them: file name → sha256. */
    public static final String OUTPUTS = "outputs_sha256";

    private void outputs() {
        ObjectNode o = provenance.putObject(OUTPUTS);
        for (Path f : java.util.List.of(run.result(), run.metrics())) {
            try {
                if (Files.isRegularFile(f)) o.put(f.getFileName().toString(), DigestCache.sha256(f));
            } catch (java.io.IOException e) {
                o.putNull(f.getFileName().toString()); // unreadable now: the tamper check says so later
            }
        }
    }

    private void recordEngine() {
        if (engineRecorded) return;
        Provenance.withEngine(provenance, threads);
        engineRecorded = true;
    }

    private void write() {
        Json.writeAtomically(run.provenance(), provenance);
    }
}
