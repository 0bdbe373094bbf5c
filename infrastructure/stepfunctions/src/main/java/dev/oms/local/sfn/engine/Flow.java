package dev.oms.local.sfn.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oms.local.sfn.HistoryEvent;

/**
 * One thread of control through a graph of states: the execution's top level, a Parallel branch or a Map
 * iteration. It records history events with {@code previousEventId} chained within the flow, and knows whether its
 * position is the one that checkpoints describe (only the top level's is).
 */
public final class Flow {
    private final ExecutionRun run;
    private final CancellationScope scope;
    private final boolean topLevel;
    private volatile long lastEventId;

    private Flow(ExecutionRun run, CancellationScope scope, boolean topLevel, long lastEventId) {
        this.run = run;
        this.scope = scope;
        this.topLevel = topLevel;
        this.lastEventId = lastEventId;
    }

    public static Flow topLevel(ExecutionRun run) {
        return new Flow(run, run.scope(), true, run.history().lastEventId());
    }

    /** A nested flow (branch or iteration) running in its own child scope. */
    public Flow nested(CancellationScope childScope) {
        return new Flow(run, childScope, false, lastEventId);
    }

    public ExecutionRun run() {
        return run;
    }

    public CancellationScope scope() {
        return scope;
    }

    public boolean isTopLevel() {
        return topLevel;
    }

    /** Records an event unless this flow was cancelled or the history is closed. */
    public HistoryEvent record(String type, String detailsName, JsonNode details) {
        if (scope.isCancelled()) {
            return null;
        }
        HistoryEvent event = run.history().add(type, lastEventId, detailsName, details);
        if (event != null) {
            lastEventId = event.id();
        }
        return event;
    }

    /** After nested flows ran, continue the chain from the latest event of the execution. */
    public void catchUp() {
        lastEventId = run.history().lastEventId();
    }
}
