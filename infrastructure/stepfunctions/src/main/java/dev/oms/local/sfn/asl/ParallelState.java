package dev.oms.local.sfn.asl;

import java.util.List;

/** A Parallel state: runs every branch on the same input; the result is the array of branch outputs. */
public final class ParallelState extends State {
    private final List<StateMachineDefinition> branches;

    public ParallelState(String name, String comment, String next, Io io, List<Retrier> retriers,
                         List<Catcher> catchers, List<StateMachineDefinition> branches) {
        super(name, comment, next, io, retriers, catchers);
        this.branches = List.copyOf(branches);
    }

    @Override
    public StateType type() {
        return StateType.Parallel;
    }

    public List<StateMachineDefinition> branches() {
        return branches;
    }
}
