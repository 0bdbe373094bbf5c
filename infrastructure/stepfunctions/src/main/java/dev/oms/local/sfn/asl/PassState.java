package dev.oms.local.sfn.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** A Pass state: passes its input (or its fixed {@code Result}) on. */
public final class PassState extends State {
    private final JsonNode result;

    public PassState(String name, String comment, String next, Io io, JsonNode result) {
        super(name, comment, next, io, List.of(), List.of());
        this.result = result;
    }

    @Override
    public StateType type() {
        return StateType.Pass;
    }

    /** The fixed {@code Result}, or null when the state has none. */
    public JsonNode result() {
        return result;
    }
}
