package dev.oms.local.sfn.engine;

import com.fasterxml.jackson.databind.JsonNode;

/** The outcome of a state: its output and the state to go to next (null when the graph ends here). */
public record Transition(String next, JsonNode output) {
}
