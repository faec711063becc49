package io.frugal.core.config;

import java.util.List;
import java.util.stream.Collectors;

/** A configuration that cannot be used, with every problem found in it. */
public class ConfigException extends io.frugal.core.BadInputException {
    private final List<ConfigProblem> problems;

    public ConfigException(List<ConfigProblem> problems) {
        super(problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public ConfigException(String pointer, String message) {
        this(List.of(new ConfigProblem(pointer, message)));
    }

    public List<ConfigProblem> problems() {
        return problems;
    }
}
