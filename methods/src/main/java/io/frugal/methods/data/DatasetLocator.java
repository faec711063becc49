package io.frugal.methods.data;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;

/**
 * Finds a dataset's folder. Search order, first complete folder wins:
 * <ol>
 *   <li>environment variable {@code FRUGAL_DATA}: a ':'-separated list; each entry is a root
 *       holding {@code NAME/} or the dataset folder itself;</li>
 *   <li>Java system property {@code frugal.data}, same form;</li>
 *   <li>{@code ~/.config/frugal/datasets.properties}, lines {@code NAME=/path};</li>
 *   <li>{@code ./data/NAME}, {@code ~/.cache/frugal/datasets/NAME}, {@code /usr/share/datasets/NAME}
 *       (where Debian's dataset-fashion-mnist installs).</li>
 * </ol>
 * A folder counts only if all the dataset's files are in it. An entry that is itself a dataset
 * folder is not taken for a different dataset whose name it bears, because MNIST and Fashion-MNIST
 * share file names: {@code FRUGAL_DATA=/usr/share/datasets/fashion-mnist} must not serve {@code mnist}.
 */
public final class DatasetLocator {
    public static final String ENV_VAR = "FRUGAL_DATA";
    public static final String PROPERTY = "frugal.data";

    /** What the search reads from the outside world, injectable so tests need not touch the real one. */
    public record Environment(Function<String, String> env, Function<String, String> properties, Path home,
                              Path workingDir, Path systemDatasets) {
        public static Environment system() {
            return new Environment(System::getenv, System::getProperty, Path.of(System.getProperty("user.home")),
                    Path.of("").toAbsolutePath(), Path.of("/usr/share/datasets"));
        }

        public Path userConfig() {
            return home.resolve(".config/frugal/datasets.properties");
        }

        public Path userCache() {
            return home.resolve(".cache/frugal/datasets");
        }
    }

    /** One place looked at, and where that place came from (for messages). */
    public record Candidate(Path dir, String origin) {}

    /** A search's outcome: the folder found, if any, and every place looked at in order. */
    public record Search(String dataset, Optional<Candidate> found, List<Candidate> searched) {}

    private final Environment environment;
    private final DatasetCatalog catalog;

    public DatasetLocator(Environment environment, DatasetCatalog catalog) {
        this.environment = environment;
        this.catalog = catalog;
    }

    public static DatasetLocator system() {
        return new DatasetLocator(Environment.system(), DatasetCatalog.standard());
    }

    public DatasetCatalog catalog() {
        return catalog;
    }

    /** Where {@code frugal data fetch NAME} puts a dataset by default. */
    public Path defaultFetchTarget(String name) {
        return environment.userCache().resolve(name);
    }

    /** Every place to look for {@code name}, in search order. */
    public List<Candidate> candidates(String name) {
        List<Candidate> out = new ArrayList<>();
        addPathList(out, name, environment.env().apply(ENV_VAR), "$" + ENV_VAR);
        addPathList(out, name, environment.properties().apply(PROPERTY), "-D" + PROPERTY);
        configured(name).ifPresent(p -> out.add(new Candidate(p, environment.userConfig().toString())));
        out.add(new Candidate(environment.workingDir().resolve("data").resolve(name), "./data"));
        out.add(new Candidate(environment.userCache().resolve(name), "user cache"));
        out.add(new Candidate(environment.systemDatasets().resolve(name), "system datasets"));
        return out;
    }

    public Search search(String name) {
        DatasetSource source = catalog.source(name);
        List<Candidate> candidates = candidates(name);
        Optional<Candidate> found = candidates.stream().filter(c -> source.isCompleteIn(c.dir())).findFirst();
        return new Search(name, found, candidates);
    }

    /** The dataset's folder; when not found, a {@link DatasetException} listing every place searched and how to get it. */
    public Path locate(String name) {
        Search s = search(name);
        return s.found().map(Candidate::dir).orElseThrow(() -> notFound(s));
    }

    private DatasetException notFound(Search s) {
        DatasetSource source = catalog.source(s.dataset());
        StringBuilder m = new StringBuilder("dataset '" + s.dataset() + "' not found; searched:");
        for (Candidate c : s.searched()) {
            m.append("\n  ").append(c.dir()).append(" (").append(c.origin()).append("): ").append(whyNot(source, c.dir()));
        }
        m.append("\nto get it: ").append(source.howToGet());
        m.append("\nor point ").append(ENV_VAR).append(" (or -D").append(PROPERTY).append(") at a folder holding it");
        return new DatasetException(m.toString());
    }

    static String whyNot(DatasetSource source, Path dir) {
        if (Files.isSymbolicLink(dir) && !Files.exists(dir)) return "a symbolic link that leads nowhere (a loop or a missing target)";
        if (!Files.isDirectory(dir)) {
            try {
                dir.toRealPath();
            } catch (java.nio.file.FileSystemLoopException e) {
                return "a symbolic-link loop";
            } catch (java.io.IOException e) {
                return "no such folder";
            }
            return "not a folder";
        }
        List<String> missing = source.missing(dir);
        return "missing " + missing.size() + " of " + source.allFiles().size() + " files (" + String.join(", ", missing) + ")";
    }

    private void addPathList(List<Candidate> out, String name, String list, String origin) {
        if (list == null || list.isBlank()) return;
        for (String entry : list.split(":")) {
            if (entry.isBlank()) continue;
            Path root = expandHome(entry.trim());
            out.add(new Candidate(root.resolve(name), origin));
            if (!namesAnotherDataset(root, name)) out.add(new Candidate(root, origin));
        }
    }

    private boolean namesAnotherDataset(Path dir, String name) {
        Path last = dir.getFileName();
        if (last == null) return false;
        String folder = last.toString();
        return !folder.equals(name) && catalog.sources().stream().anyMatch(s -> s.name().equals(folder));
    }

    private Optional<Path> configured(String name) {
        Path file = environment.userConfig();
        if (!Files.isRegularFile(file)) return Optional.empty();
        Properties props = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            props.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new DatasetException(file, "cannot read dataset locations: " + e.getMessage(), e);
        }
        String value = props.getProperty(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(expandHome(value.trim()));
    }

    private Path expandHome(String p) {
        if (p.equals("~")) return environment.home();
        if (p.startsWith("~/")) return environment.home().resolve(p.substring(2));
        Path path = Path.of(p);
        return path.isAbsolute() ? path : environment.workingDir().resolve(path);
    }
}
