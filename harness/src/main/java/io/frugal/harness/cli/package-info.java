/** The command line: one class per subcommand, wired in {@link io.frugal.harness.cli.Main}. */
package io.frugal.harness.cli;
