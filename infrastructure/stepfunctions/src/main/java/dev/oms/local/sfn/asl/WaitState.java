package dev.oms.local.sfn.asl;

import java.util.List;

/** A Wait state: exactly one of Seconds, SecondsPath, Timestamp, TimestampPath is set. */
public final class WaitState extends State {
    private final Long seconds;
    private final String secondsPath;
    private final String timestamp;
    private final String timestampPath;

    public WaitState(String name, String comment, String next, Io io, Long seconds, String secondsPath,
                     String timestamp, String timestampPath) {
        super(name, comment, next, io, List.of(), List.of());
        this.seconds = seconds;
        this.secondsPath = secondsPath;
        this.timestamp = timestamp;
        this.timestampPath = timestampPath;
    }

    @Override
    public StateType type() {
        return StateType.Wait;
    }

    public Long seconds() {
        return seconds;
    }

    public String secondsPath() {
        return secondsPath;
    }

    public String timestamp() {
        return timestamp;
    }

    public String timestampPath() {
        return timestampPath;
    }
}
