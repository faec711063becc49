package io.frugal.harness.slurm;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Shell quoting and the token rules for values that go into {@code #SBATCH} lines, which sbatch
 * reads with its own simple parser rather than a shell: there only plain tokens are allowed.
 */
public final class Shell {
    /** A token safe both in a shell word and in an {@code #SBATCH} line: no quotes, spaces or shell syntax. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._:/+,=@%-]+");

    private Shell() {}

    /**
     * One shell word with exactly the value {@code s}: single quotes, with each single quote
     * written as {@code '\''}. Inside single quotes the shell expands nothing ($, `, \, ! and ;
     * are all literal), so a value can never become code.
     */
    public static String quote(String s) {
        if (s.indexOf('\0') >= 0) throw new IllegalArgumentException("a NUL character cannot be passed to a shell");
        return "'" + s.replace("'", "'\\''") + "'";
    }

    public static String quoteAll(List<String> words) {
        return words.stream().map(Shell::quote).collect(Collectors.joining(" "));
    }

    public static boolean isPlainToken(String s) {
        return s != null && PLAIN.matcher(s).matches();
    }
}
