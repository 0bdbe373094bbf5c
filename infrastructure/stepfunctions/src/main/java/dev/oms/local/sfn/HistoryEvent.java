package dev.oms.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One event of an execution's history, as {@code GetExecutionHistory} returns it: {@code type} is the AWS event
 * type ({@code TaskStateEntered}, ...) and {@code details} the object AWS puts under {@code detailsName}
 * ({@code stateEnteredEventDetails} → {@code {"name": ..., "input": ...}}); both are null for events without details.
 */
public record HistoryEvent(long id, long previousEventId, Instant timestamp, String type, String detailsName,
                           JsonNode details) {
}
