package io.frugal.harness.cli;

import io.frugal.harness.manifest.ManifestException;
import io.frugal.harness.manifest.ManifestProblem;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The arguments every command that expands a manifest takes: MANIFEST [--profile P] [--set k=v]... */
final class ManifestOptions {
    @Parameters(index = "0", paramLabel = "MANIFEST", description = "the manifest (.yaml, .yml or .json)")
    Path manifest;

    @Option(names = "--profile", paramLabel = "P", description = "a profile of the manifest, applied after its defaults and experiments")
    String profile;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "override a config key (dotted path, e.g. model.width=0.5, seeds=[1,2]); repeatable, applied in order after the profile")
    List<String> sets = new ArrayList<>();

    @Option(names = "--max-runs", paramLabel = "N", description = "refuse a grid of more runs than this (default 1000000), counted before it is expanded")
    long maxRuns = io.frugal.harness.manifest.Manifests.DEFAULT_MAX_RUNS;

    /** The problem lines exactly as the CLI contract gives them: FILE:LINE:COL: /pointer: what is wrong. */
    static int report(ManifestException e, PrintWriter err) {
        for (ManifestProblem p : e.problems()) err.println(p);
        err.println("frugal: " + e.problems().size() + (e.problems().size() == 1 ? " problem" : " problems") + ", nothing was written");
        return Main.BAD_INPUT;
    }
}
