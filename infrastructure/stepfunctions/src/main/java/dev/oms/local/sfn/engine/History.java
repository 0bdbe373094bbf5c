package dev.oms.local.sfn.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oms.local.sfn.HistoryEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The event history of one execution. Ids count from 1; once the terminal event is added the history is closed and
 * late events of cancelled branches are dropped.
 */
public final class History {
    private final List<HistoryEvent> events = new ArrayList<>();
    private boolean closed;

    public History(List<HistoryEvent> existing) {
        events.addAll(existing);
    }

    /** Adds an event; returns it, or null when the history is already closed. */
    public synchronized HistoryEvent add(String type, long previousEventId, String detailsName, JsonNode details) {
        if (closed) {
            return null;
        }
        HistoryEvent event = new HistoryEvent(events.size() + 1L, previousEventId, Instant.now(), type, detailsName,
                details);
        events.add(event);
        return event;
    }

    /** Adds the terminal event and closes the history. */
    public synchronized HistoryEvent close(String type, long previousEventId, String detailsName, JsonNode details) {
        HistoryEvent event = add(type, previousEventId, detailsName, details);
        closed = true;
        return event;
    }

    public synchronized List<HistoryEvent> snapshot() {
        return List.copyOf(events);
    }

    public synchronized long lastEventId() {
        return events.size();
    }
}
