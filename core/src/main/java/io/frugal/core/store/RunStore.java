package io.frugal.core.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** An output folder OUT: OUT/plan.json, OUT/runs/RUN_ID/..., OUT/slurm/, OUT/report/. */
public record RunStore(Path root) {
    public Path plan() { return root.resolve("plan.json"); }
    /** Present while a plan is being written, until its plan.json is in place ({@link UnfinishedPlan}). */
    public Path planning() { return root.resolve(UnfinishedPlan.FILE); }
    public Path runsDir() { return root.resolve("runs"); }
    public Path reportDir() { return root.resolve("report"); }
    public Path slurmDir() { return root.resolve("slurm"); }
    public RunDirectory run(String runId) { return new RunDirectory(runsDir().resolve(runId)); }

    /**
     * The names in runs/, unsorted and without asking which are folders: one listing and no
     * stat per entry (at 10^5 runs those stats cost about half a second). For finding what a plan
     * does not know, where only those few names need {@link #runs()}'s folder check.
     */
    public List<String> runNames() {
        if (!Files.isDirectory(runsDir())) return List.of();
        try (var s = Files.newDirectoryStream(runsDir())) {
            List<String> out = new ArrayList<>();
            s.forEach(p -> out.add(p.getFileName().toString()));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every run directory present, in name order. */
    public List<RunDirectory> runs() {
        if (!Files.isDirectory(runsDir())) return List.of();
        try (Stream<Path> s = Files.list(runsDir())) {
            List<RunDirectory> out = new ArrayList<>();
            s.filter(Files::isDirectory).sorted().forEach(p -> out.add(new RunDirectory(p)));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
