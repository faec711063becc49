package io.frugal.harness.slurm;

import io.frugal.core.BadInputException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sbatch templates of {@code jobs/}: text with {@code {{NAME}}} slots. Filling one takes a
 * value for every slot and fails on a slot without a value or a value without a slot, so a
 * template and the code that fills it cannot drift apart silently. The values are inserted as
 * given: callers pass shell-quoted words ({@link Shell#quote}) or lines built from checked tokens.
 */
public final class JobTemplates {
    public static final String TRAIN_ARRAY = "train-array.sbatch.tmpl";
    public static final String REPORT = "report.sbatch.tmpl";
    private static final Pattern SLOT = Pattern.compile("\\{\\{([A-Z_]+)}}");

    private final Path dir;

    public JobTemplates(Path dir) {
        this.dir = dir;
    }

    /** {@code $FRUGAL_HOME/jobs}, else the jobs/ folder of the checkout this code was built in. */
    public static JobTemplates find() {
        String home = System.getenv("FRUGAL_HOME");
        if (home != null && Files.isRegularFile(Path.of(home, "jobs", TRAIN_ARRAY))) return new JobTemplates(Path.of(home, "jobs"));
        try {
            Path p = Path.of(JobTemplates.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
            for (; p != null; p = p.getParent()) {
                if (Files.isRegularFile(p.resolve("jobs").resolve(TRAIN_ARRAY))) return new JobTemplates(p.resolve("jobs"));
            }
        } catch (URISyntaxException | RuntimeException e) {
            // fall through to the error below
        }
        throw new BadInputException("cannot find frugal's jobs/ templates; set FRUGAL_HOME to the frugal checkout");
    }

    public String fill(String template, Map<String, String> values) {
        Path file = dir.resolve(template);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInputException("cannot read the job template " + file + ": " + e.getMessage());
        }
        return fillText(file.toString(), text, values);
    }

    static String fillText(String name, String text, Map<String, String> values) {
        Set<String> used = new HashSet<>();
        Matcher m = SLOT.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String slot = m.group(1);
            String value = values.get(slot);
            if (value == null) throw new IllegalStateException(name + ": no value for {{" + slot + "}}");
            used.add(slot);
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        for (String k : values.keySet()) {
            if (!used.contains(k)) throw new IllegalStateException(name + ": has no slot {{" + k + "}}");
        }
        return out.toString();
    }
}
