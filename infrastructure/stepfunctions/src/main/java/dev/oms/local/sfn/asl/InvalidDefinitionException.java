package dev.oms.local.sfn.asl;

import java.util.List;

/** The definition is not valid Amazon States Language; {@link #problems()} lists every problem found. */
public class InvalidDefinitionException extends Exception {
    private final List<String> problems;

    public InvalidDefinitionException(List<String> problems) {
        super("Invalid State Machine Definition: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
