package io.frugal.harness.cli;

import io.frugal.harness.manifest.ManifestException;
import io.frugal.harness.manifest.Manifests;
import io.frugal.harness.manifest.ResolvedManifest;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code frugal validate MANIFEST}: every problem of a manifest (with a profile and overrides), or OK. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check a manifest, its profile and overrides, and every run they expand to.",
                "Prints 'OK: N runs', or one line per problem (FILE:LINE:COL: /json/pointer: what is wrong) and exits 2."})
final class ValidateCommand implements Callable<Integer> {
    @Mixin
    ManifestOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try {
            ResolvedManifest m = Manifests.load(options.manifest, options.profile, options.sets, options.maxRuns);
            spec.commandLine().getOut().println("OK: " + m.runs().size() + " runs");
            return Main.OK;
        } catch (ManifestException e) {
            return ManifestOptions.report(e, spec.commandLine().getErr());
        }
    }
}
