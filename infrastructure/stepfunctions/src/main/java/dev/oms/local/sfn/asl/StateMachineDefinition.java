package dev.oms.local.sfn.asl;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A parsed and validated state machine: the top-level definition, or a Parallel branch / Map item processor
 * (which have no TimeoutSeconds). Parse one with {@link #parse(String)}.
 */
public final class StateMachineDefinition {
    private final String comment;
    private final String startAt;
    private final Integer timeoutSeconds;
    private final Map<String, State> states;

    StateMachineDefinition(String comment, String startAt, Integer timeoutSeconds, Map<String, State> states) {
        this.comment = comment;
        this.startAt = startAt;
        this.timeoutSeconds = timeoutSeconds;
        this.states = Collections.unmodifiableMap(new LinkedHashMap<>(states));
    }

    /** Parses and validates ASL JSON; the exception lists every problem found. */
    public static StateMachineDefinition parse(String json) throws InvalidDefinitionException {
        return new DefinitionParser().parse(json);
    }

    public String comment() {
        return comment;
    }

    public String startAt() {
        return startAt;
    }

    /** The execution time limit of a top-level definition, or null for none. */
    public Integer timeoutSeconds() {
        return timeoutSeconds;
    }

    public Map<String, State> states() {
        return states;
    }

    public State state(String name) {
        State state = states.get(name);
        if (state == null) {
            throw new IllegalArgumentException("no state named " + name);
        }
        return state;
    }
}
