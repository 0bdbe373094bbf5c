package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 13, "Support": an order's support cases, linking the customer's messages and evidence files (docs/admin-operations.md). */
class AdminCasesIT {

    @Test
    void anAgentOpensACaseLinkingTheCustomersMessagesWithEvidence() {
        String t = newTenant();
        Client agent = as(t, "agent-c", "agent");
        String id = create(agent, order("cust-case1"));
        Resp message = customer(t, "cust-case1").post("/v1/customer/orders/" + id + "/messages", Map.of("text", "My parcel never arrived"));
        assertThat(message.status()).as(message.toString()).isEqualTo(201);
        String messageId = message.json().path("id").asText();

        String path = "/v1/admin/orders/" + id + "/cases";
        Resp opened = agent.post(path, Map.of("subject", "Parcel not received", "description", "Carrier says delivered to the door",
                "category", "delivery", "priority", "high", "assignee", "team:delivery", "message_ids", List.of(messageId),
                "attachments", List.of(Map.of("file_name", "door.jpg", "content_type", "image/jpeg", "size_bytes", 2048))));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        JsonNode c = opened.json();
        assertThat(c.path("id").asText()).startsWith("case_");
        assertThat(c.path("status").asText()).isEqualTo("open");
        assertThat(c.path("priority").asText()).isEqualTo("high");
        assertThat(c.path("created_by").asText()).isEqualTo("agent-c");
        assertThat(c.path("messages").get(0).path("text").asText()).isEqualTo("My parcel never arrived");
        assertThat(c.path("messages").get(0).path("author").asText()).isEqualTo("customer");
        JsonNode evidence = c.path("attachments").get(0);
        assertThat(evidence.path("type").asText()).isEqualTo("case_evidence");
        assertThat(evidence.path("status").asText()).isEqualTo("pending_upload");
        assertThat(evidence.path("related_id").asText()).isEqualTo(c.path("id").asText());
        assertThat(evidence.path("upload").path("url").asText()).isNotBlank();
        assertThat(opened.header("location")).isEqualTo(path);
        assertThat(opened.header("etag")).isNotBlank();

        // the second case defaults to normal priority and links nothing; the list is newest first
        Resp second = agent.post(path, Map.of("subject", "Refund question", "description", "Asked about the refund date", "category", "refund"));
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.json().path("priority").asText()).isEqualTo("normal");
        Resp list = agent.get(path);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("data").findValuesAsText("subject")).containsExactly("Refund question", "Parcel not received");
        assertThat(list.json().path("data").get(1).path("messages").get(0).path("id").asText()).isEqualTo(messageId);

        JsonNode timeline = agent.get("/v1/orders/" + id + "/timeline").json().path("data");
        JsonNode event = null;
        for (JsonNode e : timeline) if (e.path("type").asText().equals("order.case_opened")) event = e;
        assertThat(event).isNotNull();
        assertThat(event.path("actor").path("id").asText()).isEqualTo("agent-c");

        // evidence is staff-only: the customer's documents never list it
        assertThat(customer(t, "cust-case1").get("/v1/customer/orders/" + id + "/documents").text()).doesNotContain("case_evidence");
    }

    @Test
    void badInputRolesOtherTenantsAndReplays() {
        String t = newTenant();
        Client agent = as(t, "agent-c2", "agent");
        String id = create(agent, order("cust-case2"));
        String path = "/v1/admin/orders/" + id + "/cases";
        Map<String, Object> ok = Map.of("subject", "s", "description", "d", "category", "payment");
        assertThat(agent.post(path, Map.of("subject", "s", "description", "d")).code()).isEqualTo("request.invalid");
        assertThat(agent.post(path, Map.of("subject", "s", "description", "d", "category", "weather")).code()).isEqualTo("request.invalid");
        assertThat(agent.post(path, Map.of("subject", "s", "description", "d", "category", "payment", "status", "closed")).code())
                .isEqualTo("request.invalid");
        Resp unknownMessage = agent.post(path, Map.of("subject", "s", "description", "d", "category", "payment", "message_ids", List.of("msg_nope")));
        assertThat(unknownMessage.status()).isEqualTo(422);
        assertThat(unknownMessage.code()).isEqualTo("case.message_not_found");
        assertThat(unknownMessage.json().path("errors").get(0).path("field").asText()).isEqualTo("message_ids[0]");
        assertThat(agent.post(path, Map.of("subject", "s", "description", "d", "category", "payment", "attachments",
                List.of(Map.of("file_name", "x.exe", "content_type", "application/x-msdownload", "size_bytes", 10)))).code())
                .isEqualTo("document.upload_refused");
        assertThat(agent.get(path).json().path("data")).isEmpty(); // nothing was half-written

        assertThat(as(t, "fin-c", "finance").post(path, ok).code()).isEqualTo("auth.forbidden");
        assertThat(as(t, "fin-c", "finance").get(path).code()).isEqualTo("auth.forbidden");
        assertThat(customer(t, "cust-case2").get(path).status()).isEqualTo(403);
        assertThat(as(newTenant(), "agent-o", "agent").post(path, ok).code()).isEqualTo("order.not_found");
        assertThat(as(newTenant(), "agent-o", "agent").get(path).code()).isEqualTo("order.not_found");
        assertThat(agent.get("/v1/admin/orders/ord_missing/cases").code()).isEqualTo("order.not_found");

        Client keyed = agent.header("Idempotency-Key", "case-once");
        Resp first = keyed.post(path, ok);
        Resp again = keyed.post(path, ok);
        assertThat(again.header("idempotent-replayed")).isEqualTo("true");
        assertThat(again.json().path("id").asText()).isEqualTo(first.json().path("id").asText());
        assertThat(agent.get(path).json().path("data")).hasSize(1);
        assertThat(keyed.post(path, Map.of("subject", "other", "description", "d", "category", "payment")).code()).isEqualTo("idempotency.key_reused");
        assertThat(agent.header("If-Match", "\"1\"").post(path, ok).code()).isEqualTo("order.version_conflict");
    }
}
