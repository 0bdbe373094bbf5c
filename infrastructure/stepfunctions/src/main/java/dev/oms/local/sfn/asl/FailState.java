package dev.oms.local.sfn.asl;

import java.util.List;

/** A Fail state: ends its graph with an error. ErrorPath/CausePath may be paths or intrinsic functions. */
public final class FailState extends State {
    private final String error;
    private final String errorPath;
    private final String cause;
    private final String causePath;

    public FailState(String name, String comment, String error, String errorPath, String cause, String causePath) {
        super(name, comment, null, Io.DEFAULT, List.of(), List.of());
        this.error = error;
        this.errorPath = errorPath;
        this.cause = cause;
        this.causePath = causePath;
    }

    @Override
    public StateType type() {
        return StateType.Fail;
    }

    public String error() {
        return error;
    }

    public String errorPath() {
        return errorPath;
    }

    public String cause() {
        return cause;
    }

    public String causePath() {
        return causePath;
    }
}
