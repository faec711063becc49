package io.frugal.harness.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.frugal.core.store.DamagedFiles;
import io.frugal.core.store.Json;
import io.frugal.core.store.RunDirectory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The provenance.json an earlier attempt left, read so that the new attempt keeps it among its
 * previous attempts. One cut short (a full disk, a copy interrupted) cannot be parsed: it is set
 * aside under its own name (never deleted), said in the log, and the new attempt's provenance
 * starts afresh instead of the run failing on an unnamed parser error.
 */
final class ProvenanceRepair {
    private ProvenanceRepair() {}

    static JsonNode readPrevious(RunDirectory run) {
        if (!Files.isRegularFile(run.provenance())) return null;
        try {
            JsonNode p = Json.read(run.provenance());
            if (p != null && p.isObject()) return p;
        } catch (RuntimeException e) {
            // damaged: set aside below
        }
        Path aside = DamagedFiles.setAside(run.provenance());
        System.out.println("frugal train: " + run.provenance() + " is damaged (not a complete JSON object): moved to "
                + aside.getFileName() + "; this attempt writes a new one");
        System.out.flush();
        return null;
    }
}
