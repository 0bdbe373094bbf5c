package dev.oms.local;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.platform.json.Json;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * {@code GET /local/console}: what the local cloud is doing, as JSON — recent EventBridge events with the rules they
 * matched and how delivery went, every queue's depth (DLQs included) with a peek at DLQ messages, the captured
 * notifications and the connector fault switches.
 */
final class LocalConsole {
    private LocalConsole() { }

    private static com.fasterxml.jackson.databind.JsonNode parse(String json) {
        try {
            return Json.parse(json);
        } catch (Exception e) {
            return Json.mapper().getNodeFactory().textNode(json);
        }
    }

    static ObjectNode snapshot(LocalCloud cloud, LocalStepFunctions stepFunctions) {
        ObjectNode o = Json.object();
        ArrayNode events = o.putArray("events");
        for (var e : cloud.events.recentEvents(50)) {
            ObjectNode x = events.addObject();
            x.put("event_id", e.eventId());
            x.put("received_at", e.receivedAt().toString());
            x.put("bus", e.busName());
            x.set("event", parse(e.event()));
            ArrayNode matches = x.putArray("matches");
            for (var m : e.matches()) {
                ObjectNode y = matches.addObject();
                y.put("rule", m.ruleName());
                ArrayNode deliveries = y.putArray("deliveries");
                for (var d : m.deliveries()) {
                    deliveries.addObject().put("target", d.targetId()).put("arn", d.targetArn()).put("kind", String.valueOf(d.kind()))
                            .put("status", String.valueOf(d.status())).put("attempts", d.attempts()).put("error", d.error());
                }
            }
        }
        ArrayNode queues = o.putArray("queues");
        cloud.sqs.queues().forEach((id, q) -> {
            var attrs = cloud.sqs.client().getQueueAttributes(r -> r.queueUrl(q.url()).attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
            ObjectNode x = queues.addObject();
            x.put("id", id);
            x.put("url", q.url());
            x.put("visible", Integer.parseInt(attrs.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0")));
            x.put("in_flight", Integer.parseInt(attrs.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0")));
            if (id.toUpperCase().endsWith("DLQ")) {
                ArrayNode peek = x.putArray("messages");
                cloud.sqs.client().receiveMessage(r -> r.queueUrl(q.url()).maxNumberOfMessages(10).visibilityTimeout(0))
                        .messages().forEach(m -> peek.add(m.body()));
            }
        });
        o.set("notifications", parse(cloud.notifications().toJson(50)).path("data"));
        o.set("faults", LocalEndpoints.faults().get("data"));
        ArrayNode executions = o.putArray("executions");
        for (var e : stepFunctions.recentExecutions(20)) {
            ObjectNode x = executions.addObject();
            x.put("execution_arn", e.executionArn());
            x.put("name", e.name());
            x.put("status", String.valueOf(e.status()));
            x.put("started", String.valueOf(e.startDate()));
            x.put("stopped", e.stopDate() == null ? null : e.stopDate().toString());
            x.put("error", e.error());
            x.put("cause", e.cause());
            ArrayNode history = x.putArray("states");
            for (var h : stepFunctions.service.getExecutionHistory(e.executionArn(), 200, null, false).items()) {
                String state = h.details() == null ? null : h.details().path("name").asText(null);
                history.add(h.type() + (state == null ? "" : " " + state));
            }
        }
        return o;
    }
}
