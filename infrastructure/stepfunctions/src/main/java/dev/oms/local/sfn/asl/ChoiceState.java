package dev.oms.local.sfn.asl;

import java.util.List;

/** A Choice state: goes to the Next of the first matching rule, else to Default, else fails. */
public final class ChoiceState extends State {
    /** A top-level choice rule with the state it leads to. */
    public record Branch(ChoiceRule rule, String next) {
    }

    private final List<Branch> choices;
    private final String defaultState;

    public ChoiceState(String name, String comment, Io io, List<Branch> choices, String defaultState) {
        super(name, comment, null, io, List.of(), List.of());
        this.choices = List.copyOf(choices);
        this.defaultState = defaultState;
    }

    @Override
    public StateType type() {
        return StateType.Choice;
    }

    public List<Branch> choices() {
        return choices;
    }

    /** The Default state, or null. */
    public String defaultState() {
        return defaultState;
    }
}
