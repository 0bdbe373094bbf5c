package dev.oms.local.sfn.asl;

import dev.oms.local.sfn.paths.PayloadTemplate;
import dev.oms.local.sfn.paths.ReferencePath;
import java.util.List;

/**
 * A state of a state machine, with the fields every type may carry. Path fields follow the States Language:
 * an absent {@code InputPath}/{@code OutputPath} is {@code "$"}; a null one ({@link #inputPath()} returns null)
 * means an empty object; a null {@link #resultPath()} means {@code "ResultPath": null} (discard the result).
 * Fields a type does not allow are rejected by the parser and stay at their defaults here.
 */
public abstract sealed class State
        permits TaskState, ChoiceState, PassState, WaitState, ParallelState, MapState, SucceedState, FailState {

    /** The input/output processing fields shared by the state types. */
    public record Io(String inputPath, String outputPath, PayloadTemplate parameters, PayloadTemplate resultSelector,
                     ReferencePath resultPath) {
        public static final Io DEFAULT = new Io("$", "$", null, null, ReferencePath.parse("$"));
    }

    private final String name;
    private final String comment;
    private final String next;
    private final Io io;
    private final List<Retrier> retriers;
    private final List<Catcher> catchers;

    protected State(String name, String comment, String next, Io io, List<Retrier> retriers, List<Catcher> catchers) {
        this.name = name;
        this.comment = comment;
        this.next = next;
        this.io = io;
        this.retriers = List.copyOf(retriers);
        this.catchers = List.copyOf(catchers);
    }

    public abstract StateType type();

    public String name() {
        return name;
    }

    public String comment() {
        return comment;
    }

    /** The state to go to next, or null when this state ends its graph ({@code "End": true}, Succeed, Fail). */
    public String next() {
        return next;
    }

    public boolean isEnd() {
        return next == null;
    }

    public String inputPath() {
        return io.inputPath();
    }

    public String outputPath() {
        return io.outputPath();
    }

    public PayloadTemplate parameters() {
        return io.parameters();
    }

    public PayloadTemplate resultSelector() {
        return io.resultSelector();
    }

    public ReferencePath resultPath() {
        return io.resultPath();
    }

    public List<Retrier> retriers() {
        return retriers;
    }

    public List<Catcher> catchers() {
        return catchers;
    }
}
