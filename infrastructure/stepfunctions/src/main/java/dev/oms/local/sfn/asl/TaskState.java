package dev.oms.local.sfn.asl;

import java.util.List;

/** A Task state: calls {@code Resource} through the TaskInvoker. */
public final class TaskState extends State {
    /** The resource suffix of the callback pattern. */
    public static final String WAIT_FOR_TASK_TOKEN = ".waitForTaskToken";

    private final String resource;
    private final Integer timeoutSeconds;
    private final String timeoutSecondsPath;
    private final Integer heartbeatSeconds;
    private final String heartbeatSecondsPath;

    public TaskState(String name, String comment, String next, Io io, List<Retrier> retriers, List<Catcher> catchers,
                     String resource, Integer timeoutSeconds, String timeoutSecondsPath, Integer heartbeatSeconds,
                     String heartbeatSecondsPath) {
        super(name, comment, next, io, retriers, catchers);
        this.resource = resource;
        this.timeoutSeconds = timeoutSeconds;
        this.timeoutSecondsPath = timeoutSecondsPath;
        this.heartbeatSeconds = heartbeatSeconds;
        this.heartbeatSecondsPath = heartbeatSecondsPath;
    }

    @Override
    public StateType type() {
        return StateType.Task;
    }

    public String resource() {
        return resource;
    }

    public boolean waitsForTaskToken() {
        return resource.endsWith(WAIT_FOR_TASK_TOKEN);
    }

    public Integer timeoutSeconds() {
        return timeoutSeconds;
    }

    public String timeoutSecondsPath() {
        return timeoutSecondsPath;
    }

    public Integer heartbeatSeconds() {
        return heartbeatSeconds;
    }

    public String heartbeatSecondsPath() {
        return heartbeatSecondsPath;
    }
}
