package io.frugal.core.kind;

import com.fasterxml.jackson.databind.JsonNode;
import io.frugal.core.store.RunDirectory;
import java.io.PrintWriter;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What a trainer is given: its run directory and config, the run directories of the runs it
 * needs (by role, all done), the compute threads it may use, the stop request to poll, where to
 * print progress, and where to report the data files it read (name → sha256) so that provenance
 * records them before training starts.
 */
public record TrainContext(RunDirectory dir, JsonNode config, Map<String, RunDirectory> inputs, int threads,
        StopSignal stop, PrintWriter out, Consumer<Map<String, String>> dataFiles) {
    public TrainContext {
        inputs = Map.copyOf(inputs);
    }
}
