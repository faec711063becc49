package io.frugal.harness.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.frugal.harness.exec.RunState;
import io.frugal.methods.BadInputException;
import io.frugal.methods.store.Json;
import io.frugal.methods.store.RunStore;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code frugal status OUT}: each planned run's state (planned, queued, running, done, failed). */
@Command(name = "status", description = "Show the state of every planned run in OUT.")
final class StatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "OUT", description = "An output folder of 'frugal run'.")
    Path out;

    @Option(names = "--summary", description = "Only the counts per state.")
    boolean summaryOnly;

    @Override
    public Integer call() {
        RunStore store = new RunStore(out);
        if (!Files.isRegularFile(store.plan())) {
            throw new BadInputException(out + ": not a frugal output folder (no plan.json)");
        }
        JsonNode plan = Json.read(store.plan());
        PrintWriter w = spec.commandLine().getOut();
        Map<RunState.State, Integer> counts = new EnumMap<>(RunState.State.class);
        if (!summaryOnly) {
            w.printf(Locale.ROOT, "%-12s  %-16s  %-14s  %4s  %-8s  %-9s  %s%n", "run", "experiment", "dataset", "seed", "state", "epochs", "detail");
        }
        for (JsonNode r : plan.path("runs")) {
            RunState s = RunState.of(store.run(r.path("id").asText()));
            counts.merge(s.state(), 1, Integer::sum);
            if (summaryOnly) continue;
            w.printf(Locale.ROOT, "%-12s  %-16s  %-14s  %4s  %-8s  %-9s  %s%n", s.runId(), r.path("experiment").asText(),
                    r.path("dataset").asText(), r.path("seed").asText(), s.state().label(),
                    s.epochsDone() + "/" + s.epochs(), detail(s, store));
        }
        StringBuilder line = new StringBuilder(plan.path("runs").size() + " runs:");
        for (RunState.State st : RunState.State.values()) {
            line.append(' ').append(counts.getOrDefault(st, 0)).append(' ').append(st.label()).append(',');
        }
        line.setLength(line.length() - 1);
        w.println(line);
        return Main.OK;
    }

    private static String detail(RunState s, RunStore store) {
        return switch (s.state()) {
            case DONE -> String.format(Locale.ROOT, "top-1 %.2f%%", 100 * s.result().path("final_top1").asDouble());
            case FAILED -> s.failure().path("message").asText() + " (log: " + store.run(s.runId()).log() + ")";
            case PLANNED -> s.epochsDone() > 0 ? "resumes from its checkpoint" : "";
            default -> "";
        };
    }
}
