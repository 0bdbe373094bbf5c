package dev.oms.local.sfn.asl;

import java.util.List;

/** A Succeed state: ends its graph successfully with its (filtered) input as output. */
public final class SucceedState extends State {
    public SucceedState(String name, String comment, Io io) {
        super(name, comment, null, io, List.of(), List.of());
    }

    @Override
    public StateType type() {
        return StateType.Succeed;
    }
}
