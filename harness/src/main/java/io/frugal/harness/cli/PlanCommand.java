package io.frugal.harness.cli;

import io.frugal.harness.manifest.ManifestException;
import io.frugal.core.store.Plan;
import io.frugal.harness.plan.PlanTable;
import io.frugal.harness.plan.Planner;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code frugal plan MANIFEST}: the runs a manifest expands to, printed; nothing is written to disk. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Show the runs a manifest expands to: ids, epochs, N, planned evaluations and their ratio to full-data training.",
                "Writes nothing; 'frugal run' writes the same plan to OUT/plan.json."})
final class PlanCommand implements Callable<Integer> {
    enum Format { table, json }

    @Mixin
    ManifestOptions options;

    @Option(names = "--format", paramLabel = "table|json", description = "table (default) or json (the plan.json content)")
    Format format = Format.table;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Plan plan;
        try {
            plan = Planner.plan(options.manifest, options.profile, options.sets, options.maxRuns);
        } catch (ManifestException e) {
            return ManifestOptions.report(e, spec.commandLine().getErr());
        }
        PrintWriter out = spec.commandLine().getOut();
        // streamed, not built as one text: a plan of a million runs is a gigabyte of JSON
        if (format == Format.json) plan.writeJson(out);
        else PlanTable.render(plan, out);
        out.flush();
        return Main.OK;
    }
}
