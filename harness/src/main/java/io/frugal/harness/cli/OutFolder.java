package io.frugal.harness.cli;

import io.frugal.core.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Checks an output folder before anything is written into it: a run store, or a folder that does
 * not exist yet or is empty. Refused: a regular file, the file-system root, a folder holding other
 * things (its files would be mixed with the store's, and a plan.json of its own overwritten), and
 * paths with characters that sbatch expands in {@code --output} ({@code %}), that shells and
 * SLURM read as escapes ({@code \}) or that end a line in a script.
 */
final class OutFolder {
    static final int MAX_PATH = 1024;

    private OutFolder() {}

    static void check(Path out, boolean continuing) {
        String text = out.toString();
        if (text.isEmpty()) throw new BadInputException("--out: empty path");
        for (char c : text.toCharArray()) {
            if (c == '%' || c == '\\' || c < 0x20 || c == 0x7f) {
                throw new BadInputException("--out " + printable(text) + ": contains " + describe(c) + ", which SLURM and shells would"
                        + " read as a pattern, an escape or a line break; choose a path without it");
            }
        }
        if (text.length() > MAX_PATH) throw new BadInputException("--out: a path of " + text.length() + " characters (at most " + MAX_PATH + ")");
        Path abs = out.toAbsolutePath().normalize();
        if (abs.getParent() == null) throw new BadInputException("--out " + out + ": the file-system root is not an output folder");
        if (Files.exists(out) && !Files.isDirectory(out)) throw new BadInputException("--out " + out + ": is a file, not a folder");
        if (continuing || !Files.isDirectory(out) || Files.isRegularFile(out.resolve("plan.json"))) return;
        // a plan that stopped before its plan.json: planning into it again completes it (its configs are compared first)
        if (io.frugal.core.store.UnfinishedPlan.isUnfinished(new io.frugal.core.store.RunStore(out))) return;
        try (Stream<Path> entries = Files.list(out)) {
            // what frugal itself leaves before any plan: rendered scripts of a SLURM dry run or validation
            if (entries.anyMatch(e -> !e.getFileName().toString().equals("slurm"))) {
                throw new BadInputException("--out " + out + ": a folder that holds other things and no plan.json: not a run store of"
                        + " 'frugal run'; give an empty or new folder");
            }
        } catch (IOException e) {
            throw new BadInputException("--out " + out + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    private static String describe(char c) {
        return c == '%' ? "'%'" : c == '\\' ? "'\\'" : c == '\n' ? "a line break" : String.format("the control character U+%04X", (int) c);
    }

    private static String printable(String s) {
        return s.replace("\n", "\\n").replace("\r", "\\r");
    }
}
